import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Country, User } from '@depositary/persistence';
import { ActorCache } from './actor-cache';
import { AuthService } from './auth.service';
import { SignInLimit } from './sign-in-limit';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([User, Country]), JwtModule.register({})],
  providers: [UsersService, AuthService, SignInLimit, ActorCache],
  exports: [UsersService, AuthService],
})
export class AuthModule {}
