// Who may draft, issue and read depositary notifications, and the issued ones of its own treaties a focal point sees.
import { TestApp, bearer, createTreaty } from '../support/app';
import { ANY_USER, Route, SHARED, STAFF, describeEveryCaller, useAccessApp } from '../support/access';

describe('access', () => {
  let t: TestApp;
  const { unique, asAdmin, freeFormDraft, issuedNotification } = useAccessApp((app) => (t = app));

  const ROUTES: Route[] = [
    {
      route: 'POST /api/depositary-notifications',
      who: STAFF,
      prepare: () => {
        const subject = unique('Free-form notice');
        return Promise.resolve({
          method: 'post',
          path: '/api/depositary-notifications',
          body: { treaty: SHARED, subject, text: { en: 'A notice.' } },
          applied: async () =>
            (await asAdmin('get', `/api/depositary-notifications?treaty=${SHARED}`)).body.items.some(
              (n: { subject: { en: string } }) => n.subject.en === subject,
            ),
        });
      },
    },
    {
      route: 'POST /api/depositary-notifications/{id}/issue',
      who: STAFF,
      prepare: async () => {
        const id = await freeFormDraft();
        return {
          method: 'post',
          path: `/api/depositary-notifications/${id}/issue`,
          answer: (res) => expect(res.body).toMatchObject({ status: 'issued', number: expect.stringMatching(/^C\.N\.\d+\.\d{4}$/) }),
          applied: async () => (await asAdmin('get', `/api/depositary-notifications/${id}`)).body.status === 'issued',
        };
      },
    },
    {
      route: 'GET /api/depositary-notifications',
      who: ANY_USER,
      prepare: () =>
        Promise.resolve({
          method: 'get',
          path: `/api/depositary-notifications?treaty=${SHARED}`,
          answer: (res) => expect(res.body).toMatchObject({ items: expect.any(Array), nextCursor: null }),
        }),
    },
    {
      route: 'GET /api/depositary-notifications/{id}',
      who: ANY_USER,
      prepare: async () => {
        const id = await issuedNotification();
        return {
          method: 'get',
          path: `/api/depositary-notifications/${id}`,
          answer: (res) => expect(res.body).toMatchObject({ id, status: 'issued' }),
        };
      },
    },
    {
      route: 'GET /api/depositary-notifications/{id}?format=html',
      who: ANY_USER,
      prepare: async () => {
        const id = await issuedNotification();
        return {
          method: 'get',
          path: `/api/depositary-notifications/${id}?format=html&lang=ar`,
          answer: (res) => {
            expect(res.headers['content-type']).toMatch(/^text\/html/);
            expect(res.text).toContain('dir="rtl"');
          },
        };
      },
    },
  ];

  describeEveryCaller(ROUTES, () => t);

  describe('a focal point sees its own country only', () => {
    const fp = (): [string, string] => bearer(t.users.focal_point);

    it('depositary notifications: only the issued ones of treaties its country participates in', async () => {
      const draft = await freeFormDraft();
      const issued = await issuedNotification();
      await createTreaty(t, 'access-without-kaz', ['SEN']);
      const elsewhere = await asAdmin('post', '/api/depositary-notifications').send({
        treaty: 'access-without-kaz',
        subject: 'Not for KAZ',
        text: { en: 'A notice.' },
      });
      expect((await asAdmin('post', `/api/depositary-notifications/${elsewhere.body.id}/issue`)).status).toBe(200);

      for (const hidden of [draft, elsewhere.body.id as number]) {
        const res = await t
          .http()
          .get(`/api/depositary-notifications/${hidden}`)
          .set(...fp());
        expect(res.status).toBe(404);
        expect(res.body.error).toBe('not_found');
      }
      expect(
        (
          await t
            .http()
            .get(`/api/depositary-notifications/${issued}`)
            .set(...fp())
        ).status,
      ).toBe(200);
      const mine = await t
        .http()
        .get('/api/depositary-notifications?limit=1000')
        .set(...fp());
      const ids = mine.body.items.map((n: { id: number }) => n.id);
      expect(ids).toContain(issued);
      expect(ids).not.toContain(draft);
      expect(ids).not.toContain(elsewhere.body.id);
      expect(mine.body.items.every((n: { status: string }) => n.status === 'issued')).toBe(true);
    });
  });
});
