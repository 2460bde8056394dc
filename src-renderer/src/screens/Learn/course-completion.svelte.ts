import type { ApiError } from '../../../../src-shared/api/errors';
import type { Learner } from '../../../../src-shared/api/schemas';
import type { NextStep } from '../../../../src-shared/profile/growth';
import type { ItemKind } from '../../../../src-shared/packs/manifest';
import type { CertificateDetail, CourseDetail } from '../../../../src-shared/training/schemas';
import { api, guard } from '../../lib/api';

/**
 * The moment a course is completed: what it took, its certificate (or the name the certificate waits for)
 * and the growth view's suggested next step.
 */
export class CourseCompletion {
  course = $state<CourseDetail | null>(null);
  learner = $state<Learner | null>(null);
  certificate = $state<CertificateDetail | null>(null);
  nextStep = $state<NextStep | null>(null);
  error = $state<ApiError | null>(null);
  busy = $state(false);

  /** How many items of each kind the course held: the work the certificate stands for. */
  counts = $derived.by((): Record<ItemKind, number> => {
    const counts = { lesson: 0, quiz: 0, exercise: 0, reflection: 0 };
    for (const module of this.course?.modules ?? []) for (const item of module.items) counts[item.kind] += 1;
    return counts;
  });

  /** `ref` is read on each use, so the moment follows the component's current props. */
  constructor(private readonly ref: () => { packId: string; courseId: string }) {}

  async load(): Promise<void> {
    await guard(this, async () => {
      const [course, learner, growth] = await Promise.all([
        api.getCourse(this.ref()),
        api.getLearner({}),
        api.getGrowth({}),
      ]);
      this.course = course;
      this.learner = learner;
      this.nextStep = growth.nextSteps[0] ?? null;
      if (course.certificate)
        this.certificate = await api.getCertificate({ certificateId: course.certificate.id });
    });
  }

  /** Gives the name the certificate waits for, then has it issued. */
  async claim(name: string): Promise<void> {
    await guard(this, async () => {
      this.learner = await api.updateLearner({ name });
      this.certificate = await api.claimCertificate(this.ref());
    });
  }
}
