import { expect, request as playwrightRequest, type APIRequestContext, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';

// Shared helpers for the specs. The app is started by tests/run.sh e2e (E2E_* variables).

export const BASE_URL = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:8080';
export const ADMIN_EMAIL = process.env.E2E_ADMIN_EMAIL ?? 'admin@e2e.incidentdesk.test';
export const ADMIN_PASSWORD = process.env.E2E_ADMIN_PASSWORD ?? 'E2e-admin-password-1';

export type RoleName = 'Reporter' | 'Responder' | 'Executive' | 'Admin';

export interface TestUser {
  id: string;
  email: string;
  displayName: string;
  password: string;
  roles: RoleName[];
}

/** Screenshots land in tests/e2e/artifacts/ (git-ignored; tests/run.sh clears it before a run). */
export const shotPath = (name: string) => `artifacts/${name}.png`;

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;

/** An API session: logs in and sends X-XSRF-TOKEN (the XSRF-TOKEN cookie) on every write. */
export class ApiSession {
  private constructor(private readonly ctx: APIRequestContext) {}

  static async login(email: string, password: string): Promise<ApiSession> {
    const ctx = await playwrightRequest.newContext({ baseURL: BASE_URL });
    const res = await ctx.post('/api/auth/login', { data: { email, password } });
    expect(res.status(), `login ${email}: ${await res.text()}`).toBe(200);
    return new ApiSession(ctx);
  }

  private async xsrf(): Promise<Record<string, string>> {
    const { cookies } = await this.ctx.storageState();
    const token = cookies.find((c) => c.name === 'XSRF-TOKEN')?.value;
    return token ? { 'X-XSRF-TOKEN': token } : {};
  }

  async get<T>(path: string): Promise<T> {
    const res = await this.ctx.get(path);
    expect(res.ok(), `GET ${path}: ${res.status()} ${await res.text()}`).toBeTruthy();
    return (await res.json()) as T;
  }

  async post<T>(path: string, data: unknown, version?: number): Promise<T> {
    return this.send<T>('POST', path, data, version);
  }

  async put<T>(path: string, data: unknown, version?: number): Promise<T> {
    return this.send<T>('PUT', path, data, version);
  }

  private async send<T>(method: 'POST' | 'PUT', path: string, data: unknown, version?: number): Promise<T> {
    const headers = await this.xsrf();
    if (version !== undefined) headers['If-Match'] = `"${version}"`;
    const res = await this.ctx.fetch(path, { method, data, headers });
    expect(res.ok(), `${method} ${path}: ${res.status()} ${await res.text()}`).toBeTruthy();
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async dispose() {
    await this.ctx.dispose();
  }
}

/** Creates an account through the admin (POST /api/users); unique e-mail per call. */
export async function createUser(role: RoleName, label: string): Promise<TestUser> {
  const admin = await ApiSession.login(ADMIN_EMAIL, ADMIN_PASSWORD);
  try {
    const id = unique();
    const body = {
      email: `${role.toLowerCase()}-${id}@e2e.incidentdesk.test`,
      displayName: `${label} ${id.slice(-4)}`,
      roles: [role],
      password: `E2e-${role}-pass-${id}`,
    };
    const created = await admin.post<{ id: string }>('/api/users', body);
    return { id: created.id, email: body.email, displayName: body.displayName, password: body.password, roles: [role] };
  } finally {
    await admin.dispose();
  }
}

/** Logs in through the login form (Japanese UI). */
export async function loginUi(page: Page, user: Pick<TestUser, 'email' | 'password'>) {
  await page.goto('/login');
  await page.getByLabel('メールアドレス').fill(user.email);
  await page.locator('input[type="password"]').fill(user.password);
  await page.getByRole('button', { name: 'ログイン', exact: true }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** A playbook step card in the checklist (current playbook). */
export const stepCard = (page: Page, stepId: string): Locator =>
  page.getByTestId('playbook-checklist').locator(`[data-testid="checklist-step"][data-step-id="${stepId}"]`);

/**
 * Completes a step through its card: "完了にする", the evidence (if the step asks for text), "完了として記録",
 * then waits until the card shows it completed (the command's answer is the new incident version).
 */
export async function completeStepUi(page: Page, stepId: string, evidence?: string) {
  const card = stepCard(page, stepId);
  await expect(card).toHaveAttribute('data-status', 'open');
  await card.getByRole('button', { name: '完了にする' }).click();
  if (evidence) await card.getByRole('textbox').fill(evidence);
  await card.getByRole('button', { name: '完了として記録' }).click();
  await expect(card).toHaveAttribute('data-status', 'completed');
}

/** The exit checklist of the current stage has every criterion met. */
export async function expectExitCriteriaMet(page: Page) {
  const list = page.getByTestId('exit-checklist');
  await expect(list).toBeVisible();
  await expect(list.locator('[data-met="false"]')).toHaveCount(0);
}

/** Clicks "次の段階へ進む" and waits for the header badge / stepper to show the new stage. */
export async function advanceTo(page: Page, stageLabel: string) {
  await page.getByRole('button', { name: '次の段階へ進む' }).click();
  await expect(page.getByRole('navigation', { name: '対応の進み具合' }).locator('[aria-current="step"]')).toContainText(stageLabel);
}

// ---------------------------------------------------------------- escalation: contact chain and the mail sink

export interface ChainContact {
  name: string;
  email: string;
  role?: string;
  language?: 'ja' | 'en';
}

interface ContactChainView {
  id: string;
  name: string;
  isDefault: boolean;
  version: number;
}

/**
 * Makes `contacts` the default contact chain (the one a report of any category reaches when no other chain
 * matches): changes the existing default chain (If-Match) or creates one.
 */
export async function setDefaultChain(contacts: ChainContact[]): Promise<void> {
  const admin = await ApiSession.login(ADMIN_EMAIL, ADMIN_PASSWORD);
  try {
    const body = { name: 'E2E 既定の連絡網', categories: [], isDefault: true, contacts };
    const { items } = await admin.get<{ items: ContactChainView[] }>('/api/admin/contact-chains');
    const current = items.find((c) => c.isDefault);
    if (current) await admin.put(`/api/admin/contact-chains/${current.id}`, body, current.version);
    else await admin.post('/api/admin/contact-chains', body);
  } finally {
    await admin.dispose();
  }
}

/** A mail as maildev's REST API lists it (GET /email). */
export interface SinkMail {
  id: string;
  subject: string;
  text: string;
  to: { address: string; name?: string }[];
  headers: Record<string, string>;
}

/** The maildev SMTP sink the API sends to (tests/run.sh e2e starts it and exports E2E_MAILDEV_URL). */
export function maildevUrl(): string {
  const url = process.env.E2E_MAILDEV_URL;
  if (!url) {
    throw new Error(
      'E2E_MAILDEV_URL is not set: this spec reads the mail the API sent from the maildev SMTP sink. ' +
        'Run it through tests/run.sh e2e, which starts maildev and the API with Smtp__Host/Smtp__Port pointing at it.',
    );
  }
  return url.replace(/\/$/, '');
}

/** Every mail in the sink addressed to `address` (the sink is shared: addresses are unique per test). */
export async function mailsTo(address: string): Promise<SinkMail[]> {
  const ctx = await playwrightRequest.newContext();
  try {
    const res = await ctx.get(`${maildevUrl()}/email`);
    expect(res.ok(), `GET ${maildevUrl()}/email: ${res.status()}`).toBeTruthy();
    const all = (await res.json()) as SinkMail[];
    return all.filter((m) => m.to?.some((t) => t.address.toLowerCase() === address.toLowerCase()));
  } finally {
    await ctx.dispose();
  }
}

/** Waits until a mail to `address` matching `match` is in the sink and returns it. */
export async function waitForMail(address: string, match: (m: SinkMail) => boolean, timeoutMs = 30_000): Promise<SinkMail> {
  let found: SinkMail | undefined;
  await expect
    .poll(
      async () => {
        found = (await mailsTo(address)).find(match);
        return found !== undefined;
      },
      { message: `a mail to ${address} in the SMTP sink`, timeout: timeoutMs, intervals: [250, 500, 1000] },
    )
    .toBe(true);
  return found!;
}

/** The one-click acknowledge link in a mail's text (…/ack/<incident id>?token=…). */
export function ackLinkIn(text: string): string {
  const links = text.match(/https?:\/\/\S+\/ack\/[0-9a-f-]{36}\?token=\S+/g) ?? [];
  expect(links, `exactly one acknowledge link in the mail:\n${text}`).toHaveLength(1);
  return links[0]!;
}

/** A phone-sized browser context (Japanese, Tokyo time) for what staff do on their phones. */
export function newPhoneContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: BASE_URL,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
  });
}
