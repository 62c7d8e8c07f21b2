import 'reflect-metadata';
import { CoreErrorCode } from '@tenon/core';
import { describeErrorCodesDocumented } from '../../../../test-support/error-codes-documented';

describeErrorCodesDocumented('@tenon/core', CoreErrorCode);
