import { checkExposure } from './exposure.js';
import { checkIam } from './iam.js';
import { checkStateful } from './stateful.js';
import { resourcesOf, textOf, type CfnTemplate, type Finding } from './template.js';

/** What changed in one stack besides the findings: counts for the report. */
export interface ChangeSummary {
  readonly added: string[];
  readonly removed: string[];
  readonly modified: string[];
}

/** The gate's verdict on one stack. */
export interface StackVerdict {
  readonly stackName: string;
  readonly findings: Finding[];
  readonly changes: ChangeSummary;
}

function summarise(baseline: CfnTemplate, current: CfnTemplate): ChangeSummary {
  const before = resourcesOf(baseline);
  const after = resourcesOf(current);
  return {
    added: Object.keys(after).filter((id) => !before[id]),
    removed: Object.keys(before).filter((id) => !after[id]),
    modified: Object.keys(after).filter((id) => before[id] && textOf(before[id]) !== textOf(after[id])),
  };
}

/** Compares a stack's template with its baseline: pure, template in, findings out. */
export function checkStack(stackName: string, baseline: CfnTemplate, current: CfnTemplate): StackVerdict {
  return {
    stackName,
    findings: [
      ...checkStateful(baseline, current),
      ...checkIam(baseline, current),
      ...checkExposure(baseline, current),
    ],
    changes: summarise(baseline, current),
  };
}
