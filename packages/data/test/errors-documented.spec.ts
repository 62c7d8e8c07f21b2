import 'reflect-metadata';
import { DataErrorCode } from '@tenon/data';
import { describeErrorCodesDocumented } from '../../../test-support/error-codes-documented';

describeErrorCodesDocumented('@tenon/data', DataErrorCode);
