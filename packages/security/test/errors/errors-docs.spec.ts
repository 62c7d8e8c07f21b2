import 'reflect-metadata';
import { SecurityErrorCode } from '@tenon/security';
import { describeErrorCodesDocumented } from '../../../../test-support/error-codes-documented';

describeErrorCodesDocumented('@tenon/security', SecurityErrorCode);
