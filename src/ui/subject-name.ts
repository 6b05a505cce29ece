import type { SubjectRef } from '../core/types';
import { t } from './i18n';

/** How a subject is named on screen: "You" for the user, else the site's tile name (SubjectRef label). */
export function subjectName(subject: Pick<SubjectRef, 'kind' | 'label' | 'id'>): string {
  if (subject.kind === 'self') return t('common.you');
  return subject.label ?? subject.id;
}
