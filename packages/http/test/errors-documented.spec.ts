import 'reflect-metadata';
import { HttpErrorCode } from '@tenon/http';
import { describeErrorCodesDocumented } from '../../../test-support/error-codes-documented';

describeErrorCodesDocumented('@tenon/http', HttpErrorCode);
