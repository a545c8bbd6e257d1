import type { publicPage as english } from '../en/public';
import type { Translation } from '../messages';

export const publicPage: Translation<typeof english> = {
  'public.couldNotRead': 'تعذّرت قراءة المعاهدة',
  'public.openData': 'بيانات مفتوحة:',
  'public.feed': 'موجز Atom لإخطارات الوديع',
  'public.inForceOn': 'نافذة منذ',
  'public.depositary': 'الوديع',
  'public.opened': 'فُتح باب التوقيع في',
  'public.asAt': 'الوضع في',
  'public.today': 'اليوم',
  'public.asAtLabel': 'الوضع في تاريخ سابق',
  'public.show': 'عرض',
  'public.badDate': 'أدخل التاريخ بصيغة YYYY-MM-DD.',
  'public.chartCaption': {
    zero: 'لا توجد دول',
    one: 'دولة واحدة: إجراءاتها وتواريخها',
    two: 'دولتان: إجراءاتهما وتواريخهما',
    few: '{count} دول: إجراءاتها وتواريخها',
    other: '{count} دولة: إجراءاتها وتواريخها',
  },
  'public.column.country': 'الدولة',
  'public.column.status': 'الوضع',
  'public.column.signed': 'التوقيع',
  'public.column.deposited': 'إيداع الصك',
  'public.column.member': 'طرف منذ',
  'public.column.statements': 'التحفظات والإعلانات',
};
