import 'reflect-metadata';
import { target } from '../support/databases';
import { runContractSuite } from './contract-suite';

runContractSuite(target('pglite'), 'pglite_contract');
