// The 3xx rows of the status-code table: one test per scenario under scenarios/.
import { defineScenarioTests } from '../src/playwright/define-tests';

defineScenarioTests('3xx');
