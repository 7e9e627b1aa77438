import baseConfig from '../../eslint.config.mjs';
import { contractRules } from '../../eslint.contract.mjs';

export default [...baseConfig, contractRules];
