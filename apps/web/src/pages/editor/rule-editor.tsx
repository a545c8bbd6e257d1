// The rule of a treaty, edited two ways kept in step — the builder and its raw JSON — validated with the domain's
// schema, with the live preview of what it gives.
import { useState } from 'preact/hooks';
import type { ParticipantView } from '@depositary/contracts';
import { type EntryIntoForceRule, entryIntoForceRuleSchema } from '@depositary/domain';
import { t } from '../../i18n';
import type { Country } from './countries';
import { RuleBuilder } from './rule-builder';
import type { RuleDraft } from './rule-draft';
import { RulePreview } from './rule-preview';

export interface RuleState {
  draft: RuleDraft;
  text: string;
  /** The rule, when the draft is one (the schema's output, defaults filled in). */
  rule: EntryIntoForceRule | null;
  issues: string[];
}

const stringify = (draft: RuleDraft): string => JSON.stringify(draft, null, 2);

function stateOf(draft: RuleDraft, text: string, jsonError: string | null): RuleState {
  if (jsonError !== null) return { draft, text, rule: null, issues: [jsonError] };
  const parsed = entryIntoForceRuleSchema.safeParse(draft);
  return parsed.success
    ? { draft, text, rule: parsed.data, issues: [] }
    : {
        draft,
        text,
        rule: null,
        issues: parsed.error.issues.map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message)),
      };
}

/** The state of a rule being edited, from the builder or from the JSON. */
export function useRule(initial: RuleDraft): [RuleState, (draft: RuleDraft) => void, (text: string) => void] {
  const [state, setState] = useState(() => stateOf(initial, stringify(initial), null));
  const fromBuilder = (draft: RuleDraft) => setState(stateOf(draft, stringify(draft), null));
  const fromText = (text: string) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      setState((old) => stateOf(old.draft, text, t('editor.rule.notJson', { message: error instanceof Error ? error.message : '' })));
      return;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      setState((old) => stateOf(old.draft, text, t('editor.rule.notObject')));
    else setState(stateOf(parsed as RuleDraft, text, null));
  };
  return [state, fromBuilder, fromText];
}

export function RuleEditor(props: {
  state: RuleState;
  fromBuilder: (draft: RuleDraft) => void;
  fromText: (text: string) => void;
  countries: readonly Country[];
  participants: readonly ParticipantView[] | null;
  locked: string | null;
}) {
  const { state, locked } = props;
  return (
    <section class="rule-editor" aria-labelledby="rule-title">
      <h2 id="rule-title">{t('editor.rule.title')}</h2>
      {locked && <p class="notice">{locked}</p>}
      <div class="rule-editor__columns">
        <div>
          <RuleBuilder draft={state.draft} countries={props.countries} disabled={locked !== null} onChange={props.fromBuilder} />
          <div class="field-block">
            <label for="rule-json">{t('editor.rule.json')}</label>
            <p id="rule-json-hint" class="hint">
              {t('editor.rule.jsonHint')}
            </p>
            <textarea
              id="rule-json"
              class="rule-json"
              rows={12}
              spellcheck={false}
              dir="ltr"
              readOnly={locked !== null}
              value={state.text}
              aria-invalid={state.issues.length > 0}
              aria-describedby="rule-json-hint rule-issues"
              onInput={(event) => props.fromText(event.currentTarget.value)}
            />
            <div id="rule-issues" role="alert">
              {state.issues.length > 0 && (
                <>
                  <p class="form-error">{t('editor.rule.invalid')}</p>
                  <ul class="form-error">
                    {state.issues.map((issue) => (
                      <li key={issue} dir="ltr">
                        {issue}
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </div>
          </div>
        </div>
        <RulePreview rule={state.rule} participants={props.participants} />
      </div>
    </section>
  );
}
