// The list of treaties.
export const treaties = {
  'treaties.title': 'Treaties',
  'treaties.loading': 'the treaties',
  'treaties.couldNotRead': 'The treaties could not be read',
  'treaties.notAvailable': 'Not available',
  'treaties.asAt': 'Status as at',
  'treaties.new': 'New treaty',
  'treaties.import': 'Import a treaty history',
  'treaties.caption': {
    one: '{count} treaty: status and progress toward entry into force',
    other: '{count} treaties: status and progress toward entry into force',
  },
  'treaties.column.treaty': 'Treaty',
  'treaties.column.status': 'Status',
  'treaties.column.progress': 'Progress',
  'treaties.column.entryIntoForce': 'Entry into force',
  'treaties.column.opened': 'Opened for signature',
  'treaties.column.depositary': 'Depositary',
  'treaties.none': 'No treaty has been recorded yet.',
  'treaties.progressOf': 'Progress of {title}',
  'treaties.deposited': '{count} deposited',
  'treaties.ofRequired': '{current} of {required}',
};
