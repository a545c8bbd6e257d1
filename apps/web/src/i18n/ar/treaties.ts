import type { treaties as english } from '../en/treaties';
import type { Translation } from '../messages';

export const treaties: Translation<typeof english> = {
  'treaties.title': 'المعاهدات',
  'treaties.loading': 'المعاهدات',
  'treaties.couldNotRead': 'تعذّرت قراءة المعاهدات',
  'treaties.notAvailable': 'غير متاح',
  'treaties.asAt': 'الوضع في',
  'treaties.new': 'معاهدة جديدة',
  'treaties.import': 'استيراد سجل معاهدة',
  'treaties.caption': {
    zero: 'لا توجد معاهدات',
    one: 'معاهدة واحدة: وضعها ومدى التقدم نحو بدء النفاذ',
    two: 'معاهدتان: وضعهما ومدى التقدم نحو بدء النفاذ',
    few: '{count} معاهدات: وضعها ومدى التقدم نحو بدء النفاذ',
    other: '{count} معاهدة: وضعها ومدى التقدم نحو بدء النفاذ',
  },
  'treaties.column.treaty': 'المعاهدة',
  'treaties.column.status': 'الوضع',
  'treaties.column.progress': 'التقدم',
  'treaties.column.entryIntoForce': 'بدء النفاذ',
  'treaties.column.opened': 'فُتح باب التوقيع',
  'treaties.column.depositary': 'الوديع',
  'treaties.none': 'لم تُسجَّل أي معاهدة بعد.',
  'treaties.progressOf': 'تقدّم {title}',
  'treaties.deposited': {
    one: 'صك واحد مودَع',
    two: 'صكّان مودَعان',
    few: '{count} صكوك مودَعة',
    many: '{count} صكًّا مودَعًا',
    other: '{count} صك مودَع',
  },
  'treaties.ofRequired': '{current} من {required}',
};
