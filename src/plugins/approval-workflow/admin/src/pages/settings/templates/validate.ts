import type { T } from '../../../utils/use-t';
import type { FormErrors, TemplateForm } from './form';

const isWhole = (value: number | undefined, min: number): value is number => value !== undefined && Number.isInteger(value) && value >= min;

/**
 * What the user can fix before sending, by field path (see `FormErrors`). The same rules as the
 * server's template body (`server/src/validation/template.ts` on `domain/schema.ts`), never
 * stricter: what passes here may still be refused there (an unknown user, a time span over a
 * century), and those answers are shown by their fields too.
 */
export const validateTemplate = (form: TemplateForm, t: T): FormErrors => {
  const errors: FormErrors = {};
  if (!form.name.trim()) errors.name = t('templates.error.name', 'A template needs a name.');
  else if (form.name.trim().length > 200) errors.name = t('templates.error.name-long', 'At most 200 characters.');
  if (form.description.length > 5000) errors.description = t('templates.error.description-long', 'At most 5000 characters.');
  if (form.stages.length === 0) errors.stages = t('templates.error.no-stage', 'A template needs at least one stage.');

  form.stages.forEach((stage, s) => {
    const at = `stages.${s}`;
    if (!stage.name.trim()) errors[`${at}.name`] = t('templates.error.stage-name', 'A stage needs a name.');
    else if (stage.name.trim().length > 200) errors[`${at}.name`] = t('templates.error.name-long', 'At most 200 characters.');
    if (stage.criteria !== undefined && !isWhole(stage.criteria, 0)) {
      errors[`${at}.criteria`] = t('templates.error.criteria', 'A whole number, 0 or more (0 = every obligation).');
    }
    if (stage.timeSpan !== undefined && !isWhole(stage.timeSpan, 1)) {
      errors[`${at}.timeSpan`] = t('templates.error.time-span', 'A whole number, 1 or more; empty for no limit.');
    }
    if (stage.obligations.length === 0) errors[`${at}.obligations`] = t('templates.error.no-obligation', 'A stage needs at least one obligation.');
    const seen = new Set<string>();
    stage.obligations.forEach((obligation, o) => {
      const field = `${at}.obligations.${o}`;
      if (!obligation.ref) {
        errors[`${field}.ref`] =
          obligation.kind === 'role'
            ? t('templates.error.pick-role', 'Choose a role.')
            : obligation.kind === 'group'
              ? t('templates.error.pick-group', 'Choose a group.')
              : t('templates.error.pick-user', 'Choose a user.');
      } else {
        const key = `${obligation.kind === 'admin' ? 'user' : obligation.kind}:${obligation.ref}`;
        if (seen.has(key)) errors[`${field}.ref`] = t('templates.error.twice', 'The same user or group is listed twice in this stage.');
        seen.add(key);
      }
      if ((obligation.kind === 'role' || obligation.kind === 'group') && obligation.minApprovals !== undefined && !isWhole(obligation.minApprovals, 1)) {
        errors[`${field}.minApprovals`] = t('templates.error.min-approvals', 'A whole number, 1 or more.');
      }
    });
  });
  return errors;
};
