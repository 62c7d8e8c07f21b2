import 'reflect-metadata';
import { target } from '../support/databases';
import { runContractSuite } from './contract-suite';

runContractSuite(target('postgres'), 'postgres_contract');
