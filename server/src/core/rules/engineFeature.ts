/**
 * The engine-aware rules that report a construct the configured engine does not support (or supports
 * only in some versions): one rule per construct, all reading `policyUncertainty`, so diagnostics,
 * the matrix's uncertain cells and explanations rest on the same facts. Under an engine that supports
 * the construct they report nothing.
 */
import type { EngineFeature } from '../engine/profiles/types';
import { policyUncertainty, sourceRef } from '../engine/uncertain';
import type { Finding, Severity } from '../findings';
import type { Rule } from './types';

export function unsupportedFeatureRule(
  id: string,
  feature: EngineFeature,
  summary: string,
  advice: string,
  severity: Severity = 'warning',
): Rule {
  return {
    id,
    defaultSeverity: severity,
    summary,
    check(ctx) {
      const out: Finding[] = [];
      if (ctx.engine.supports[feature] === 'yes') return out;
      for (const p of ctx.model.policies) {
        if (!p.valid) continue;
        for (const u of policyUncertainty(p, ctx.engine)) {
          if (u.feature !== feature) continue;
          out.push({
            code: id,
            severity,
            file: p.file,
            span: u.span,
            message: `NetworkPolicy ${p.id}, ${u.path}: ${u.detail}: ${u.reason} (${sourceRef(u.source)}); the connectivity keeps the spec's result and marks what this policy decides as uncertain on ${ctx.engine.id}; ${advice}`,
          });
        }
      }
      return out;
    },
  };
}
