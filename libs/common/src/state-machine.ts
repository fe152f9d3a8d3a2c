import { IllegalTransition } from './domain-errors';

export interface TransitionRule<S extends string, R extends string> {
  from: readonly S[];
  to: S;
  /** Who may trigger it; an empty list means nobody but the system (jobs). */
  roles: readonly R[];
  /** Chinese label for messages, e.g. 提交. */
  label: string;
}

/**
 * A lifecycle as data: every allowed transition, who may trigger it, in one place. Services ask it
 * before changing state; illegal requests become 409 naming what the current state allows.
 */
export class StateMachine<S extends string, A extends string, R extends string> {
  constructor(
    readonly entityLabel: string,
    readonly transitions: Readonly<Record<A, TransitionRule<S, R>>>,
    readonly stateLabels: Readonly<Record<S, string>>,
  ) {}

  /** Actions possible from a state, optionally only those a role may take. */
  allowedActions(from: S, role?: R): A[] {
    return (Object.keys(this.transitions) as A[]).filter((action) => {
      const rule = this.transitions[action];
      return rule.from.includes(from) && (role === undefined || rule.roles.includes(role));
    });
  }

  canTransition(from: S, action: A): boolean {
    return this.transitions[action].from.includes(from);
  }

  /** Returns the target state or throws IllegalTransition (409). Role checks are the caller's (403 vs 404 differ by feature). */
  next(from: S, action: A): S {
    const rule = this.transitions[action];
    if (!rule.from.includes(from)) {
      throw new IllegalTransition(
        this.entityLabel,
        this.stateLabels[from] ?? from,
        rule.label,
        this.allowedActions(from).map((a) => `${a}（${this.transitions[a].label}）`),
      );
    }
    return rule.to;
  }

  roleMayTrigger(action: A, role: R): boolean {
    return this.transitions[action].roles.includes(role);
  }
}
