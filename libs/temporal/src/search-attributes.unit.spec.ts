import { Connection } from '@temporalio/client';
import { ensureSearchAttributes } from './search-attributes';
import { SEARCH_ATTRIBUTES } from './temporal.config';

/** A namespace's search attributes as the operator service keeps them; `add` as a second process would meet it. */
function operator(options: { addedMeanwhile: boolean; failWith?: number }) {
  const attributes: Record<string, number> = {};
  const calls: string[] = [];
  const connection = {
    operatorService: {
      listSearchAttributes: async () => {
        calls.push('list');
        return { customAttributes: { ...attributes } };
      },
      addSearchAttributes: async (req: { searchAttributes: Record<string, number> }) => {
        calls.push('add');
        if (options.addedMeanwhile) Object.assign(attributes, req.searchAttributes); // the other worker's add won
        if (options.failWith !== undefined) throw Object.assign(new Error('refused'), { code: options.failWith });
        Object.assign(attributes, req.searchAttributes);
      },
    },
  } as unknown as Connection;
  return { connection, calls, attributes };
}

describe('registering search attributes when two workers start at once', () => {
  it('adds the missing ones', async () => {
    const o = operator({ addedMeanwhile: false });
    await ensureSearchAttributes(o.connection, 'default');
    expect(Object.keys(o.attributes).sort()).toEqual(Object.keys(SEARCH_ATTRIBUTES).sort());
  });

  it('takes "already exists" as success when they are there now (another worker added them first)', async () => {
    const o = operator({ addedMeanwhile: true, failWith: 6 });
    await expect(ensureSearchAttributes(o.connection, 'default')).resolves.toBeUndefined();
    expect(o.calls).toEqual(['list', 'add', 'list']);
  });

  it('still fails on any other refusal, and on "already exists" when they are not there', async () => {
    await expect(ensureSearchAttributes(operator({ addedMeanwhile: false, failWith: 7 }).connection, 'default')).rejects.toThrow('refused');
    await expect(ensureSearchAttributes(operator({ addedMeanwhile: false, failWith: 6 }).connection, 'default')).rejects.toThrow('refused');
  });
});
