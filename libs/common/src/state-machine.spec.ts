import { IllegalTransition } from './domain-errors';
import { StateMachine } from './state-machine';

type S = 'draft' | 'submitted' | 'published';
type A = 'submit' | 'publish';

const sut = new StateMachine<S, A, 'owner' | 'organizer'>(
  '场景需求',
  {
    submit: { from: ['draft'], to: 'submitted', roles: ['owner'], label: '提交' },
    publish: { from: ['submitted'], to: 'published', roles: ['organizer'], label: '发布' },
  },
  { draft: '草稿', submitted: '已提交', published: '已发布' },
);

describe('StateMachine', () => {
  it('moves along allowed transitions', () => {
    expect(sut.next('draft', 'submit')).toBe('submitted');
    expect(sut.next('submitted', 'publish')).toBe('published');
  });

  it('refuses illegal transitions naming the allowed ones', () => {
    expect(() => sut.next('draft', 'publish')).toThrow(IllegalTransition);
    try {
      sut.next('draft', 'publish');
    } catch (error) {
      expect((error as IllegalTransition).allowed).toEqual(['submit（提交）']);
      expect((error as IllegalTransition).message).toContain('草稿');
    }
  });

  it('filters actions by role', () => {
    expect(sut.allowedActions('submitted', 'owner')).toEqual([]);
    expect(sut.allowedActions('submitted', 'organizer')).toEqual(['publish']);
    expect(sut.roleMayTrigger('publish', 'owner')).toBe(false);
  });
});
