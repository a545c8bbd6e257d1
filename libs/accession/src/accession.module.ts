import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Country, FocalPoint, Treaty } from '@depositary/persistence';
import { CountriesService } from './countries.service';
import { EntryIntoForceService } from './entry-into-force.service';
import { FocalPointsService } from './focal-points.service';
import { ParticipantsService } from './participants.service';
import { TreatiesService } from './treaties.service';
import { TreatyRecordImport } from './treaty-record-import';
import { PublicRecordService } from './public-record';
import { StatementsService } from './statements.service';

/** The services of this library, each provided here and exported to the apps. */
const SERVICES = [
  TreatiesService,
  ParticipantsService,
  FocalPointsService,
  CountriesService,
  EntryIntoForceService,
  TreatyRecordImport,
  PublicRecordService,
  StatementsService,
];

@Module({
  imports: [TypeOrmModule.forFeature([Treaty, Country, FocalPoint])],
  providers: SERVICES,
  exports: SERVICES,
})
export class AccessionModule {}
