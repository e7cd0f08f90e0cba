/**
 * A Discord API emulator for end-to-end tests, listening on 127.0.0.1: REST v10 (gateway
 * information, interaction callbacks, webhook edits and follow-ups, command registration, a
 * small CDN for attachments) and the gateway WebSocket (HELLO, IDENTIFY, READY, GUILD_CREATE,
 * heartbeats, INTERACTION_CREATE). It is as strict as Discord where a bot can go wrong:
 * over-limit payloads are refused (400, code 50035), a second acknowledgement too (400, 40060),
 * and a first response after 3 seconds finds the interaction gone (404, 10062). The unmodified
 * discord.js client logs in to it through its REST `api` option.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  embedTotal: 6000,
  rows: 5,
  rowComponents: 5,
  customId: 100,
  label: 80,
  choices: 25,
  choiceName: 100,
  modalTitle: 45,
  ackDeadlineMs: 3000,
} as const;

export const PERMISSIONS = { member: '1024', moderator: String(1 << 5), admin: '8' } as const;

export interface LoggedRequest {
  readonly at: number;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly code?: number;
}

export interface EmulatedMessage {
  id: string;
  channel_id: string;
  guild_id?: string;
  content: string;
  embeds: Array<Record<string, unknown>>;
  components: Array<Record<string, unknown>>;
  flags: number;
  allowed_mentions?: { parse?: string[]; users?: string[]; roles?: string[] };
  /** Who would have been pinged by this message under its allowed_mentions. */
  pings: string[];
  interaction_id?: string;
  edits: number;
}

export interface Ack {
  /** The callback type (4 reply, 5 deferred reply, 6 deferred update, 7 update, 8 autocomplete, 9 modal). */
  readonly type: number;
  readonly data?: Record<string, unknown>;
  /** Milliseconds from dispatch to the callback. */
  readonly ms: number;
}

interface InteractionState {
  id: string;
  token: string;
  type: number;
  guildId: string;
  channelId: string;
  dispatchedAt: number;
  ack?: Ack;
  ackWaiters: Array<(ack: Ack) => void>;
  original?: EmulatedMessage;
  sourceMessage?: EmulatedMessage;
  /** Edits the source message had when a deferred update (type 6) acknowledged it. */
  editsAtDeferredUpdate?: number;
  followUps: EmulatedMessage[];
  updateWaiters: Array<() => void>;
}

export interface User {
  readonly id: string;
  readonly username: string;
  /** Permission bitfield of the member in the guild, as a string. */
  readonly permissions?: string;
}

export interface GuildSpec {
  readonly id: string;
  readonly name: string;
  readonly channelId: string;
}

class InvalidBody extends Error {}

function snowflake(counter: number): string {
  // Discord epoch ms << 22, plus a counter: unique and time-ordered.
  return ((BigInt(Date.now() - 1420070400000) << 22n) + BigInt(counter % 4096)).toString();
}

const MENTION_RE = /<@!?(\d+)>|<@&(\d+)>|@(everyone|here)/g;

export class DiscordEmulator {
  readonly token: string;
  readonly applicationId = '1100000000000000001';
  readonly botUser = {
    id: '1100000000000000001',
    username: 'Footnote',
    discriminator: '0',
    global_name: 'Footnote',
    avatar: null,
    bot: true,
  };
  readonly guilds: GuildSpec[];
  readonly requests: LoggedRequest[] = [];
  readonly messages = new Map<string, EmulatedMessage>();
  readonly commands = new Map<string, Array<Record<string, unknown>>>();
  /** Files served under /cdn/<name>. */
  readonly files = new Map<string, { body: Buffer; contentType: string }>();
  /** Recommended shard count returned by GET /gateway/bot. */
  shards = 1;
  readonly identified: Array<{ shard: [number, number]; intents: number }> = [];

  private server?: Server;
  private wss?: WebSocketServer;
  private port = 0;
  private counter = 0;
  private readonly interactions = new Map<string, InteractionState>();
  private readonly sockets = new Map<WebSocket, { shard: [number, number]; seq: number; ready: boolean }>();
  private readyWaiters: Array<() => void> = [];

  constructor(options: { token: string; guilds: GuildSpec[] }) {
    this.token = options.token;
    this.guilds = options.guilds;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** What to give discord.js as its REST `api` option (DISCORD_API_BASE). */
  get apiBase(): string {
    return `${this.baseUrl}/api`;
  }

  private nextId(): string {
    this.counter += 1;
    return snowflake(this.counter) + String(this.counter).padStart(3, '0').slice(-3);
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void this.handle(req, res);
    });
    this.wss = new WebSocketServer({ noServer: true });
    this.server.on('upgrade', (req, socket, head) => {
      if (!req.url?.startsWith('/gateway')) {
        socket.destroy();
        return;
      }
      this.wss?.handleUpgrade(req, socket, head, (ws) => this.onSocket(ws));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const ws of this.sockets.keys()) ws.terminate();
    this.wss?.close();
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** Open gateway sessions. */
  get sessionCount(): number {
    return this.sockets.size;
  }

  /** Resolves when `count` gateway sessions have received READY and all their GUILD_CREATEs. */
  waitForReady(count = 1): Promise<void> {
    const readyCount = () => [...this.sockets.values()].filter((s) => s.ready).length;
    if (readyCount() >= count) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => {
        if (readyCount() >= count) resolve();
        else this.readyWaiters.push(check);
      };
      this.readyWaiters.push(check);
    });
  }

  // ---------------------------------------------------------------- gateway

  private send(ws: WebSocket, payload: Record<string, unknown>): void {
    ws.send(JSON.stringify(payload));
  }

  private dispatchTo(ws: WebSocket, t: string, d: unknown): void {
    const state = this.sockets.get(ws);
    if (!state) return;
    state.seq += 1;
    this.send(ws, { op: 0, t, s: state.seq, d });
  }

  private guildPayload(g: GuildSpec): Record<string, unknown> {
    return {
      id: g.id,
      name: g.name,
      icon: null,
      owner_id: '1000000000000000009',
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      mfa_level: 0,
      nsfw_level: 0,
      premium_tier: 0,
      preferred_locale: 'en-US',
      features: [],
      roles: [
        {
          id: g.id,
          name: '@everyone',
          permissions: PERMISSIONS.member,
          position: 0,
          color: 0,
          hoist: false,
          managed: false,
          mentionable: false,
          flags: 0,
        },
      ],
      emojis: [],
      stickers: [],
      channels: [
        {
          id: g.channelId,
          type: 0,
          name: 'general',
          position: 0,
          permission_overwrites: [],
          nsfw: false,
          parent_id: null,
        },
      ],
      threads: [],
      members: [],
      voice_states: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
      member_count: 3,
      large: false,
      unavailable: false,
      joined_at: new Date().toISOString(),
      system_channel_id: g.channelId,
    };
  }

  /** Which shard serves a guild: (guild_id >> 22) % shard_count, as Discord does. */
  shardOf(guildId: string, count: number): number {
    return Number((BigInt(guildId) >> 22n) % BigInt(count));
  }

  private onSocket(ws: WebSocket): void {
    this.sockets.set(ws, { shard: [0, 1], seq: 0, ready: false });
    this.send(ws, { op: 10, d: { heartbeat_interval: 41250 }, s: null, t: null });
    ws.on('message', (raw) => {
      let msg: { op: number; d: Record<string, unknown> };
      try {
        msg = JSON.parse(String(raw));
      } catch {
        ws.close(4002, 'Decode error');
        return;
      }
      if (msg.op === 1) {
        this.send(ws, { op: 11, d: null, s: null, t: null });
      } else if (msg.op === 2) {
        if (msg.d.token !== this.token) {
          ws.close(4004, 'Authentication failed.');
          return;
        }
        const shard = (msg.d.shard as [number, number] | undefined) ?? [0, 1];
        const state = this.sockets.get(ws);
        if (!state) return;
        state.shard = shard;
        this.identified.push({ shard, intents: Number(msg.d.intents) });
        const mine = this.guilds.filter((g) => this.shardOf(g.id, shard[1]) === shard[0]);
        this.dispatchTo(ws, 'READY', {
          v: 10,
          user: this.botUser,
          guilds: mine.map((g) => ({ id: g.id, unavailable: true })),
          session_id: randomBytes(8).toString('hex'),
          resume_gateway_url: `ws://127.0.0.1:${this.port}/gateway`,
          shard,
          application: { id: this.applicationId, flags: 0 },
          private_channels: [],
          relationships: [],
          user_settings: {},
        });
        for (const g of mine) this.dispatchTo(ws, 'GUILD_CREATE', this.guildPayload(g));
        state.ready = true;
        const waiters = this.readyWaiters;
        this.readyWaiters = [];
        for (const w of waiters) w();
      } else if (msg.op === 6) {
        this.dispatchTo(ws, 'RESUMED', {});
      }
    });
    ws.on('close', () => this.sockets.delete(ws));
  }

  private socketFor(guildId: string): WebSocket {
    for (const [ws, state] of this.sockets) {
      if (state.ready && this.shardOf(guildId, state.shard[1]) === state.shard[0]) return ws;
    }
    throw new Error(`No gateway session serves guild ${guildId}`);
  }

  // ---------------------------------------------------------------- interactions

  private member(user: User) {
    return {
      user: { id: user.id, username: user.username, discriminator: '0', global_name: user.username, avatar: null },
      roles: [],
      permissions: user.permissions ?? PERMISSIONS.member,
      joined_at: new Date().toISOString(),
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
    };
  }

  /** Milliseconds to backdate the next interaction by (to test the 3-second rule). */
  backdateNextMs = 0;

  private dispatchInteraction(
    type: number,
    user: User,
    guild: GuildSpec,
    data: Record<string, unknown>,
    extra: Record<string, unknown> = {},
  ): InteractionHandle {
    const id = this.nextId();
    const token = `tok_${randomBytes(24).toString('hex')}`;
    const state: InteractionState = {
      id,
      token,
      type,
      guildId: guild.id,
      channelId: guild.channelId,
      dispatchedAt: Date.now() - this.backdateNextMs,
      ackWaiters: [],
      followUps: [],
      updateWaiters: [],
    };
    this.backdateNextMs = 0;
    if (extra.message) state.sourceMessage = this.messages.get((extra.message as { id: string }).id);
    this.interactions.set(id, state);
    const payload = {
      id,
      application_id: this.applicationId,
      type,
      data,
      guild_id: guild.id,
      channel_id: guild.channelId,
      channel: {
        id: guild.channelId,
        type: 0,
        name: 'general',
        guild_id: guild.id,
        permissions: user.permissions ?? PERMISSIONS.member,
      },
      member: this.member(user),
      token,
      version: 1,
      app_permissions: '2248473465835073',
      locale: 'en-US',
      guild_locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { '0': guild.id },
      context: 0,
      ...extra,
    };
    this.dispatchTo(this.socketFor(guild.id), 'INTERACTION_CREATE', payload);
    return new InteractionHandle(this, state);
  }

  /** A slash command. `options` are API option objects ({name, type, value} or subcommands). */
  slash(
    guild: GuildSpec,
    user: User,
    name: string,
    options: Array<Record<string, unknown>> = [],
    resolved?: Record<string, unknown>,
  ): InteractionHandle {
    return this.dispatchInteraction(2, user, guild, {
      id: this.commandId(name),
      name,
      type: 1,
      options,
      ...(resolved ? { resolved } : {}),
    });
  }

  autocomplete(guild: GuildSpec, user: User, name: string, options: Array<Record<string, unknown>>): InteractionHandle {
    return this.dispatchInteraction(4, user, guild, { id: this.commandId(name), name, type: 1, options });
  }

  /** A click on a button of a message the bot sent. */
  click(guild: GuildSpec, user: User, message: EmulatedMessage, customId: string): InteractionHandle {
    return this.dispatchInteraction(
      3,
      user,
      guild,
      { custom_id: customId, component_type: 2 },
      { message: this.apiMessage(message) },
    );
  }

  /** A modal submitted with text inputs (label components, as Discord sends them now). */
  submitModal(guild: GuildSpec, user: User, customId: string, fields: Record<string, string>): InteractionHandle {
    const components = Object.entries(fields).map(([custom_id, value], k) => ({
      type: 18,
      id: k + 1,
      component: { type: 4, id: k + 100, custom_id, value },
    }));
    return this.dispatchInteraction(5, user, guild, { custom_id: customId, components });
  }

  /** A message context-menu command on `target`. */
  messageCommand(guild: GuildSpec, user: User, name: string, target: Record<string, unknown>): InteractionHandle {
    const targetId = String(target.id);
    return this.dispatchInteraction(2, user, guild, {
      id: this.commandId(name),
      name,
      type: 3,
      target_id: targetId,
      resolved: { messages: { [targetId]: { channel_id: guild.channelId, guild_id: guild.id, ...target } } },
    });
  }

  private commandId(name: string): string {
    for (const list of this.commands.values()) {
      const found = list.find((c) => c.name === name);
      if (found) return String(found.id);
    }
    return '1200000000000000000';
  }

  /** A user message (not the bot's), for context-menu tests. */
  userMessage(
    guild: GuildSpec,
    author: User,
    content: string,
    attachments: Array<{ filename: string; body: string; contentType: string }> = [],
  ): Record<string, unknown> {
    const id = this.nextId();
    return {
      id,
      channel_id: guild.channelId,
      guild_id: guild.id,
      author: {
        id: author.id,
        username: author.username,
        discriminator: '0',
        global_name: author.username,
        avatar: null,
      },
      content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: attachments.map((a, k) => {
        const name = `${id}-${k}-${a.filename}`;
        this.files.set(name, { body: Buffer.from(a.body), contentType: a.contentType });
        return {
          id: `${id}${k}`,
          filename: a.filename,
          size: Buffer.byteLength(a.body),
          url: `${this.baseUrl}/cdn/${name}`,
          proxy_url: `${this.baseUrl}/cdn/${name}`,
          content_type: a.contentType,
        };
      }),
      embeds: [],
      pinned: false,
      type: 0,
      flags: 0,
      components: [],
    };
  }

  /** An attachment option value for slash commands: returns [option, resolved]. */
  attachment(
    name: string,
    filename: string,
    body: string | Buffer,
    contentType: string,
    size?: number,
  ): [Record<string, unknown>, Record<string, unknown>] {
    const id = this.nextId();
    const file = `${id}-${filename}`;
    const buffer = typeof body === 'string' ? Buffer.from(body) : body;
    this.files.set(file, { body: buffer, contentType });
    return [
      { name, type: 11, value: id },
      {
        attachments: {
          [id]: {
            id,
            filename,
            size: size ?? buffer.byteLength,
            url: `${this.baseUrl}/cdn/${file}`,
            proxy_url: `${this.baseUrl}/cdn/${file}`,
            content_type: contentType,
          },
        },
      },
    ];
  }

  // ---------------------------------------------------------------- REST

  private log(req: IncomingMessage, status: number, code?: number): void {
    this.requests.push({
      at: Date.now(),
      method: req.method ?? '',
      path: (req.url ?? '').replace(/tok_[0-9a-f]+/, 'TOKEN'),
      status,
      ...(code !== undefined ? { code } : {}),
    });
  }

  private reply(req: IncomingMessage, res: ServerResponse, status: number, body?: unknown, code?: number): true {
    this.log(req, status, code);
    if (body === undefined) {
      res.writeHead(status);
      res.end();
      return true;
    }
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
    return true;
  }

  private error(req: IncomingMessage, res: ServerResponse, status: number, code: number, message: string): true {
    return this.reply(req, res, status, { code, message, ...(code === 50035 ? { errors: {} } : {}) }, code);
  }

  private async readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    if (raw.length === 0) return {};
    const type = req.headers['content-type'] ?? '';
    if (type.startsWith('multipart/form-data')) {
      const match = /name="payload_json"\r\n(?:Content-Type: [^\r\n]+\r\n)?\r\n([\s\S]*?)\r\n--/.exec(
        raw.toString('utf8'),
      );
      return match ? JSON.parse(match[1] as string) : {};
    }
    return JSON.parse(raw.toString('utf8'));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<true> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const path = decodeURIComponent(url.pathname);
    try {
      if (path.startsWith('/cdn/')) {
        const file = this.files.get(decodeURIComponent(path.slice(5)));
        if (!file) return this.reply(req, res, 404, { message: 'Not found' });
        this.log(req, 200);
        res.writeHead(200, { 'content-type': file.contentType, 'content-length': file.body.length });
        res.end(file.body);
        return true;
      }
      const m = /^\/api\/v10(\/.*)$/.exec(path);
      if (!m) return this.error(req, res, 404, 0, '404: Not Found');
      const route = m[1] as string;
      const body = req.method === 'GET' || req.method === 'DELETE' ? {} : await this.readBody(req);

      const callback = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(route);
      if (callback && req.method === 'POST') {
        const withResponse = url.searchParams.get('with_response') === 'true';
        return this.callback(req, res, callback[1] as string, callback[2] as string, body, withResponse);
      }
      const webhook = /^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/(@original|\d+))?$/.exec(route);
      if (webhook) return this.webhook(req, res, webhook[2] as string, webhook[3], body);
      if (req.headers.authorization !== `Bot ${this.token}`) return this.error(req, res, 401, 0, '401: Unauthorized');
      if (route === '/gateway/bot' && req.method === 'GET') {
        return this.reply(req, res, 200, {
          url: `ws://127.0.0.1:${this.port}/gateway`,
          shards: this.shards,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
        });
      }
      const commands = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(route);
      if (commands) {
        const guildId = commands[2];
        const scope = guildId ? `guild:${guildId}` : 'global';
        if (req.method === 'PUT') {
          const list = (body as unknown as Array<Record<string, unknown>>) ?? [];
          for (const command of list) this.validateCommand(command);
          const stored = list.map((c) => ({
            ...c,
            id: this.nextId(),
            application_id: this.applicationId,
            version: '1',
            ...(guildId ? { guild_id: guildId } : {}),
          }));
          this.commands.set(scope, stored);
          return this.reply(req, res, 200, stored);
        }
        if (req.method === 'GET') return this.reply(req, res, 200, this.commands.get(scope) ?? []);
      }
      const channelMessages = /^\/channels\/(\d+)\/messages(?:\/(\d+))?$/.exec(route);
      if (channelMessages) return this.channelMessage(req, res, channelMessages[1] as string, channelMessages[2], body);
      if (route === '/users/@me' && req.method === 'GET') return this.reply(req, res, 200, this.botUser);
      if (route === '/applications/@me' && req.method === 'GET')
        return this.reply(req, res, 200, { id: this.applicationId, name: 'Footnote', flags: 0 });
      return this.error(req, res, 404, 0, '404: Not Found');
    } catch (error) {
      if (error instanceof InvalidBody) return this.error(req, res, 400, 50035, `Invalid Form Body: ${error.message}`);
      return this.error(req, res, 500, 0, String(error));
    }
  }

  private validateCommand(c: Record<string, unknown>): void {
    const name = String(c.name ?? '');
    const type = Number(c.type ?? 1);
    if (type === 1 && !/^[-_\p{Ll}\p{N}]{1,32}$/u.test(name)) throw new InvalidBody(`command name "${name}"`);
    if (type !== 1 && (name.length < 1 || name.length > 32)) throw new InvalidBody(`command name "${name}"`);
    if (type === 1 && (String(c.description ?? '').length < 1 || String(c.description).length > 100))
      throw new InvalidBody(`description of ${name}`);
    const options = (c.options as Array<Record<string, unknown>> | undefined) ?? [];
    if (options.length > 25) throw new InvalidBody(`too many options in ${name}`);
    for (const o of options) {
      if (String(o.description ?? '').length > 100 || !/^[-_\p{Ll}\p{N}]{1,32}$/u.test(String(o.name)))
        throw new InvalidBody(`option ${String(o.name)}`);
      for (const sub of (o.options as Array<Record<string, unknown>> | undefined) ?? []) {
        if (String(sub.description ?? '').length > 100 || !/^[-_\p{Ll}\p{N}]{1,32}$/u.test(String(sub.name)))
          throw new InvalidBody(`option ${String(sub.name)}`);
      }
    }
  }

  /** Check a message body against Discord's limits; throws InvalidBody. */
  validateMessage(data: Record<string, unknown>): void {
    const content = data.content === undefined || data.content === null ? '' : String(data.content);
    if (content.length > LIMITS.content) throw new InvalidBody(`content is ${content.length} characters`);
    const embeds = (data.embeds as Array<Record<string, unknown>> | undefined) ?? [];
    if (embeds.length > LIMITS.embeds) throw new InvalidBody(`${embeds.length} embeds`);
    let total = 0;
    for (const e of embeds) {
      const title = String(e.title ?? '');
      const description = String(e.description ?? '');
      const footer = String((e.footer as { text?: string } | undefined)?.text ?? '');
      const author = String((e.author as { name?: string } | undefined)?.name ?? '');
      const fields = (e.fields as Array<{ name: string; value: string }> | undefined) ?? [];
      if (title.length > LIMITS.embedTitle) throw new InvalidBody('embed title');
      if (description.length > LIMITS.embedDescription)
        throw new InvalidBody(`embed description is ${description.length}`);
      if (footer.length > LIMITS.footer) throw new InvalidBody('embed footer');
      if (author.length > LIMITS.author) throw new InvalidBody('embed author');
      if (fields.length > LIMITS.embedFields) throw new InvalidBody('embed fields');
      for (const f of fields) {
        if (!f.name || f.name.length > LIMITS.fieldName) throw new InvalidBody('field name');
        if (!f.value || f.value.length > LIMITS.fieldValue) throw new InvalidBody(`field value is ${f.value?.length}`);
        total += f.name.length + f.value.length;
      }
      total += title.length + description.length + footer.length + author.length;
    }
    if (total > LIMITS.embedTotal) throw new InvalidBody(`embeds total ${total} characters`);
    this.validateComponents((data.components as Array<Record<string, unknown>> | undefined) ?? []);
  }

  private validateComponents(rows: Array<Record<string, unknown>>): void {
    if (rows.length > LIMITS.rows) throw new InvalidBody(`${rows.length} action rows`);
    for (const row of rows) {
      const components = (row.components as Array<Record<string, unknown>> | undefined) ?? [];
      if (row.type !== 1 || components.length === 0 || components.length > LIMITS.rowComponents)
        throw new InvalidBody('action row');
      for (const c of components) {
        if (
          c.custom_id !== undefined &&
          (String(c.custom_id).length === 0 || String(c.custom_id).length > LIMITS.customId)
        )
          throw new InvalidBody('custom_id');
        if (c.label !== undefined && String(c.label).length > LIMITS.label) throw new InvalidBody('button label');
      }
    }
  }

  private pingsOf(data: Record<string, unknown>): string[] {
    const parse = (data.allowed_mentions as { parse?: string[] } | undefined)?.parse;
    const allowed = new Set(parse ?? ['users', 'roles', 'everyone']);
    const pings: string[] = [];
    for (const m of String(data.content ?? '').matchAll(MENTION_RE)) {
      if (m[1] && allowed.has('users')) pings.push(`user:${m[1]}`);
      if (m[2] && allowed.has('roles')) pings.push(`role:${m[2]}`);
      if (m[3] && allowed.has('everyone')) pings.push(m[3]);
    }
    for (const u of (data.allowed_mentions as { users?: string[] } | undefined)?.users ?? []) pings.push(`user:${u}`);
    return pings;
  }

  private newMessage(state: InteractionState, data: Record<string, unknown>): EmulatedMessage {
    const message: EmulatedMessage = {
      id: this.nextId(),
      channel_id: state.channelId,
      guild_id: state.guildId,
      content: String(data.content ?? ''),
      embeds: (data.embeds as Array<Record<string, unknown>>) ?? [],
      components: (data.components as Array<Record<string, unknown>>) ?? [],
      flags: Number(data.flags ?? 0),
      ...(data.allowed_mentions
        ? { allowed_mentions: data.allowed_mentions as EmulatedMessage['allowed_mentions'] }
        : {}),
      pings: this.pingsOf(data),
      interaction_id: state.id,
      edits: 0,
    };
    this.messages.set(message.id, message);
    return message;
  }

  private editMessage(message: EmulatedMessage, data: Record<string, unknown>): void {
    if ('content' in data) message.content = String(data.content ?? '');
    if ('embeds' in data) message.embeds = (data.embeds as Array<Record<string, unknown>>) ?? [];
    if ('components' in data) message.components = (data.components as Array<Record<string, unknown>>) ?? [];
    if ('allowed_mentions' in data)
      message.allowed_mentions = data.allowed_mentions as EmulatedMessage['allowed_mentions'];
    message.pings.push(
      ...this.pingsOf({
        ...data,
        content: message.content,
        allowed_mentions: data.allowed_mentions ?? message.allowed_mentions,
      }),
    );
    message.edits += 1;
  }

  apiMessage(m: EmulatedMessage): Record<string, unknown> {
    return {
      id: m.id,
      channel_id: m.channel_id,
      guild_id: m.guild_id,
      author: this.botUser,
      content: m.content,
      timestamp: new Date().toISOString(),
      edited_timestamp: m.edits > 0 ? new Date().toISOString() : null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: m.embeds,
      components: m.components,
      pinned: false,
      type: 20,
      flags: m.flags,
      application_id: this.applicationId,
      webhook_id: this.applicationId,
    };
  }

  private callback(
    req: IncomingMessage,
    res: ServerResponse,
    id: string,
    token: string,
    body: Record<string, unknown>,
    withResponse: boolean,
  ): true {
    const state = this.interactions.get(id);
    if (!state || state.token !== token) return this.error(req, res, 404, 10062, 'Unknown interaction');
    const ms = Date.now() - state.dispatchedAt;
    if (!state.ack && ms > LIMITS.ackDeadlineMs) return this.error(req, res, 404, 10062, 'Unknown interaction');
    if (state.ack) return this.error(req, res, 400, 40060, 'Interaction has already been acknowledged.');
    const type = Number(body.type);
    const data = (body.data as Record<string, unknown> | undefined) ?? {};
    const isComponent = state.type === 3 || state.type === 5;
    const allowed: Record<number, number[]> = { 2: [4, 5, 9], 3: [4, 5, 6, 7, 9], 4: [8], 5: [4, 5, 6, 7] };
    if (!(allowed[state.type] ?? []).includes(type))
      throw new InvalidBody(`callback type ${type} for interaction type ${state.type}`);
    if (type === 4 || type === 7) this.validateMessage(data);
    if (type === 8) {
      const choices = (data.choices as Array<{ name: string; value: unknown }> | undefined) ?? [];
      if (choices.length > LIMITS.choices) throw new InvalidBody(`${choices.length} choices`);
      for (const c of choices)
        if (c.name.length < 1 || c.name.length > LIMITS.choiceName || String(c.value).length > LIMITS.choiceName)
          throw new InvalidBody('choice');
    }
    if (type === 9) {
      if (String(data.title ?? '').length > LIMITS.modalTitle || String(data.custom_id ?? '').length > LIMITS.customId)
        throw new InvalidBody('modal');
    }
    const ack: Ack = { type, ...(Object.keys(data).length > 0 ? { data } : {}), ms };
    state.ack = ack;
    let message: EmulatedMessage | undefined;
    if (type === 4 || type === 5) {
      message = this.newMessage(state, type === 5 ? { content: '', flags: data.flags } : data);
      state.original = message;
    } else if (type === 7 && isComponent && state.sourceMessage) {
      this.editMessage(state.sourceMessage, data);
      message = state.sourceMessage;
      state.original = message;
    } else if (type === 6 && state.sourceMessage) {
      state.original = state.sourceMessage;
      state.editsAtDeferredUpdate = state.sourceMessage.edits;
    }
    for (const w of state.ackWaiters) w(ack);
    state.ackWaiters = [];
    this.notifyUpdate(state);
    if (!withResponse) return this.reply(req, res, 204);
    return this.reply(req, res, 200, {
      interaction: {
        id: state.id,
        type: state.type,
        activity_instance_id: null,
        response_message_id: message?.id,
        response_message_loading: type === 5,
        response_message_ephemeral: Boolean(Number(data.flags ?? 0) & 64),
      },
      resource: { type, ...(message ? { message: this.apiMessage(message) } : {}) },
    });
  }

  private notifyUpdate(state: InteractionState): void {
    const waiters = state.updateWaiters;
    state.updateWaiters = [];
    for (const w of waiters) w();
  }

  private webhook(
    req: IncomingMessage,
    res: ServerResponse,
    token: string,
    messageId: string | undefined,
    body: Record<string, unknown>,
  ): true {
    const state = [...this.interactions.values()].find((s) => s.token === token);
    if (!state?.ack) return this.error(req, res, 404, 10015, 'Unknown Webhook');
    if (messageId === undefined && req.method === 'POST') {
      this.validateMessage(body);
      const message = this.newMessage(state, body);
      state.followUps.push(message);
      this.notifyUpdate(state);
      return this.reply(req, res, 200, this.apiMessage(message));
    }
    const target = messageId === '@original' ? state.original : state.followUps.find((f) => f.id === messageId);
    if (!target) return this.error(req, res, 404, 10008, 'Unknown Message');
    if (req.method === 'GET') return this.reply(req, res, 200, this.apiMessage(target));
    if (req.method === 'PATCH') {
      this.validateMessage(body);
      this.editMessage(target, body);
      this.notifyUpdate(state);
      return this.reply(req, res, 200, this.apiMessage(target));
    }
    if (req.method === 'DELETE') {
      this.messages.delete(target.id);
      return this.reply(req, res, 204);
    }
    return this.error(req, res, 405, 0, '405: Method Not Allowed');
  }

  /** Messages the bot posted to a channel outside interactions, in order. */
  readonly channelPosts: EmulatedMessage[] = [];
  private channelWaiters: Array<() => void> = [];

  private channelMessage(
    req: IncomingMessage,
    res: ServerResponse,
    channelId: string,
    messageId: string | undefined,
    body: Record<string, unknown>,
  ): true {
    const guild = this.guilds.find((g) => g.channelId === channelId);
    if (!guild) return this.error(req, res, 404, 10003, 'Unknown Channel');
    if (req.method === 'POST' && messageId === undefined) {
      this.validateMessage(body);
      const message: EmulatedMessage = {
        id: this.nextId(),
        channel_id: channelId,
        guild_id: guild.id,
        content: String(body.content ?? ''),
        embeds: (body.embeds as Array<Record<string, unknown>>) ?? [],
        components: (body.components as Array<Record<string, unknown>>) ?? [],
        flags: 0,
        ...(body.allowed_mentions
          ? { allowed_mentions: body.allowed_mentions as EmulatedMessage['allowed_mentions'] }
          : {}),
        pings: this.pingsOf(body),
        edits: 0,
      };
      this.messages.set(message.id, message);
      this.channelPosts.push(message);
      this.notifyChannel();
      return this.reply(req, res, 200, this.apiMessage(message));
    }
    const target = messageId ? this.messages.get(messageId) : undefined;
    if (!target) return this.error(req, res, 404, 10008, 'Unknown Message');
    if (req.method === 'PATCH') {
      this.validateMessage(body);
      this.editMessage(target, body);
      this.notifyChannel();
      return this.reply(req, res, 200, this.apiMessage(target));
    }
    if (req.method === 'GET') return this.reply(req, res, 200, this.apiMessage(target));
    return this.error(req, res, 405, 0, '405: Method Not Allowed');
  }

  private notifyChannel(): void {
    const waiters = this.channelWaiters;
    this.channelWaiters = [];
    for (const w of waiters) w();
  }

  /** Resolves when the bot has posted at least `count` channel messages (in all channels). */
  waitForPosts(count: number, timeoutMs = 5000): Promise<EmulatedMessage[]> {
    if (this.channelPosts.length >= count) return Promise.resolve(this.channelPosts);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`Only ${this.channelPosts.length} of ${count} channel posts within ${timeoutMs} ms`)),
        timeoutMs,
      );
      const check = () => {
        if (this.channelPosts.length >= count) {
          clearTimeout(timer);
          resolve(this.channelPosts);
        } else this.channelWaiters.push(check);
      };
      this.channelWaiters.push(check);
    });
  }

  /** @internal */
  waitAck(state: InteractionState, timeoutMs: number): Promise<Ack> {
    if (state.ack) return Promise.resolve(state.ack);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`No acknowledgement for interaction ${state.id} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      state.ackWaiters.push((ack) => {
        clearTimeout(timer);
        resolve(ack);
      });
    });
  }

  /** @internal */
  waitUpdate(state: InteractionState, predicate: () => boolean, timeoutMs: number): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`Interaction ${state.id} did not reach the expected state within ${timeoutMs} ms`)),
        timeoutMs,
      );
      const check = () => {
        if (predicate()) {
          clearTimeout(timer);
          resolve();
        } else state.updateWaiters.push(check);
      };
      state.updateWaiters.push(check);
    });
  }
}

/** A dispatched interaction, to await what the bot did with it. */
export class InteractionHandle {
  constructor(
    private readonly emulator: DiscordEmulator,
    readonly state: InteractionState,
  ) {}

  get id(): string {
    return this.state.id;
  }

  /** Pretend another client acknowledged it first (the bot's own answer then meets 40060). */
  acknowledgeElsewhere(): void {
    this.state.ack = { type: 5, ms: 0 };
    this.state.original = undefined;
  }

  /** The first callback (acknowledgement). */
  ack(timeoutMs = 5000): Promise<Ack> {
    return this.emulator.waitAck(this.state, timeoutMs);
  }

  /** The message the interaction produced or updated, once it has content (after a deferral, its edit; after a deferred update, the next edit). */
  async message(timeoutMs = 5000): Promise<EmulatedMessage> {
    await this.ack(timeoutMs);
    await this.emulator.waitUpdate(
      this.state,
      () => {
        const m = this.state.original;
        return (
          m !== undefined &&
          (this.state.ack?.type === 6
            ? m.edits > (this.state.editsAtDeferredUpdate ?? 0)
            : m.content !== '' || m.embeds.length > 0 || this.state.ack?.type === 7)
        );
      },
      timeoutMs,
    );
    return this.state.original as EmulatedMessage;
  }

  /** Follow-up messages sent so far (after waiting for at least `count`). */
  async followUps(count = 1, timeoutMs = 5000): Promise<EmulatedMessage[]> {
    await this.emulator.waitUpdate(this.state, () => this.state.followUps.length >= count, timeoutMs);
    return this.state.followUps;
  }
}
