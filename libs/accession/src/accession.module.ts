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

@Module({
  imports: [TypeOrmModule.forFeature([Treaty, Country, FocalPoint])],
  providers: [
    TreatiesService,
    ParticipantsService,
    FocalPointsService,
    CountriesService,
    EntryIntoForceService,
    TreatyRecordImport,
    PublicRecordService,
    StatementsService,
  ],
  exports: [
    TreatiesService,
    ParticipantsService,
    FocalPointsService,
    CountriesService,
    EntryIntoForceService,
    TreatyRecordImport,
    PublicRecordService,
    StatementsService,
  ],
})
export class AccessionModule {}
