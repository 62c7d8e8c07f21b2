import 'reflect-metadata';
import { TestingErrorCode } from '@tenon/testing';
import { describeErrorCodesDocumented } from '../../../../test-support/error-codes-documented';

describeErrorCodesDocumented('@tenon/testing', TestingErrorCode);
