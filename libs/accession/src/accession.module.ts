import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Country, FocalPoint, Treaty } from '@depositary/persistence';
import { CountriesService } from './countries.service';
import { FocalPointsService } from './focal-points.service';
import { ParticipantsService } from './participants.service';
import { TreatiesService } from './treaties.service';

@Module({
  imports: [TypeOrmModule.forFeature([Treaty, Country, FocalPoint])],
  providers: [TreatiesService, ParticipantsService, FocalPointsService, CountriesService],
  exports: [TreatiesService, ParticipantsService, FocalPointsService, CountriesService],
})
export class AccessionModule {}
