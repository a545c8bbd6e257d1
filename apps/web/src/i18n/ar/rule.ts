import type { rule as english } from '../en/rule';
import type { Translation } from '../messages';

export const rule: Translation<typeof english> = {
  'rule.same': 'في {from}',
  'rule.days': {
    one: 'بعد يوم واحد من {from}',
    two: 'بعد يومين من {from}',
    few: 'بعد {count} أيام من {from}',
    many: 'بعد {count} يومًا من {from}',
    other: 'بعد {count} يوم من {from}',
  },
  'rule.months': {
    one: 'بعد شهر واحد من {from}',
    two: 'بعد شهرين من {from}',
    few: 'بعد {count} أشهر من {from}',
    many: 'بعد {count} شهرًا من {from}',
    other: 'بعد {count} شهر من {from}',
  },
  'rule.then': 'في اليوم الأول من الشهر الذي يلي انقضاء المدة ({phrase})',
  'rule.fromThreshold': 'تاريخ بلوغ العتبة',
  'rule.fromDeposit': 'تاريخ إيداع الدولة صكّها',
  'rule.fromNotification': 'تاريخ تلقّي الإخطار بالانسحاب',
  'rule.minimum': {
    one: 'إيداع صك واحد من صكوك {instruments}',
    two: 'إيداع صكّين من صكوك {instruments}',
    few: 'إيداع {count} صكوك من صكوك {instruments}',
    many: 'إيداع {count} صكًّا من صكوك {instruments}',
    other: 'إيداع {count} صك من صكوك {instruments}',
  },
  'rule.weights': 'أن تمثّل الأطراف التي أودعت صكوكها {share}% على الأقل من {total}',
  'rule.totalOf': 'مجموع قدره {total}',
  'rule.allWeights': 'مجموع الأوزان المدرجة',
  'rule.group': 'أن يودع {count} على الأقل من الدول التالية صكوكها: {parties}',
  'rule.required': {
    one: 'أن تودع {parties} صكّها',
    two: 'أن تودع كلٌّ من {parties} صكّها',
    few: 'أن تودع كلٌّ من {parties} صكّها',
    many: 'أن تودع كلٌّ من {parties} صكّها',
    other: 'أن تودع كلٌّ من {parties} صكّها',
  },
  'rule.counting': '(تُحتسب صكوك {instruments})',
  'rule.threshold': 'العتبة: {conditions}.',
  'rule.thresholdAll': 'العتبة: {conditions}، على أن تتحقق هذه الشروط كلها في اليوم نفسه.',
  'rule.enters': 'يبدأ النفاذ {delay}.',
  'rule.entersNotBefore': 'يبدأ النفاذ {delay}، على ألا يكون ذلك قبل {date}.',
  'rule.later': 'بالنسبة إلى الدولة التي تودع صكّها لاحقًا: {delay}.',
};
