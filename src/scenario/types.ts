// The scenario file format as TypeScript. The types come from the same
// definitions as schemas/scenario.schema.json (src/scenario/format.ts).
export type { StoreName, AuthMode } from '../contract/stores';
export type {
  BodyExpectSpec as BodyExpect,
  ExpectSpec,
  HeaderExpectSpec as HeaderExpect,
  LocationExpectSpec as LocationExpect,
  MainExpectSpec,
  RepeatSpec as Repeat,
  RequestSpec,
  RequestStepSpec as RequestStep,
  ScenarioDoc,
  SourceSpec as Source,
  StatusExpect,
  Step,
} from './format';
import type { ScenarioDoc } from './format';
import type { DeclaredCheck } from './checks';

/** A validated scenario and where it came from. */
export interface Scenario extends ScenarioDoc {
  /** Path relative to the scenario root, with forward slashes. */
  file: string;
  /** Absolute path, for error messages. */
  absFile: string;
  /** The line of its `id` key (1 when unknown): where a test of it is located. */
  line: number;
  /** Every check the file asks for (main request and verify steps), with the line of its key. */
  checks: DeclaredCheck[];
}
