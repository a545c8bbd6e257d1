export * from './data-source';
export * from './entities/country.entity';
export * from './entities/focal-point.entity';
export * from './entities/participant-event.entity';
export * from './entities/participant.entity';
export * from './entities/treaty.entity';
export * from './entities/user.entity';
export * from './migrate';
