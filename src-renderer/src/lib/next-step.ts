import type { NextStep } from '../../../src-shared/profile/growth';
import { channelNames } from '../../../src-shared/profile/labels';
import { hashForScreen, learnRoutes } from './screens';

export interface NextStepWords {
  text: string;
  /** Where the step is taken; null when it is on the page already. */
  href: string | null;
  action: string;
}

/** The growth view's suggestion in words, with a link; `onProfile` when shown on the Profile screen itself. */
export function describeNextStep(step: NextStep, onProfile = false): NextStepWords {
  switch (step.kind) {
    case 'profile':
      return onProfile
        ? {
            text: 'Fill in your profile below: a headline, your topics and what you know.',
            href: null,
            action: '',
          }
        : {
            text: 'Fill in your profile: a headline, your topics and what you know, so your expertise shows.',
            href: hashForScreen('profile'),
            action: 'Open your profile',
          };
    case 'course':
      return {
        text: `Continue with the course “${step.title}”.`,
        href: learnRoutes.course(step.packId, step.courseId),
        action: 'Open the course',
      };
    case 'exercise':
      return {
        text: `Do the exercise “${step.title}” (${step.courseTitle}): it ends in a real draft.`,
        href: learnRoutes.item(step.packId, step.itemId),
        action: 'Open the exercise',
      };
    case 'channel':
      return {
        text: `You have not published a ${channelNames[step.channel].toLowerCase()} yet: try a new audience.`,
        href: hashForScreen('write'),
        action: 'Start a draft',
      };
  }
}
