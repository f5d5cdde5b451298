/** The inbox (站内消息): the unread count the header shows, kept fresh while someone is signed in. */
import { reactive } from 'vue';
import { get, post } from './api';
import { session } from './session';

export interface InboxItem {
  id: string;
  kind: string;
  title: string;
  body: string;
  applicationId?: string;
  createdAt: string;
  readAt?: string;
}

export const inbox = reactive<{ items: InboxItem[]; unread: number; loaded: boolean }>({ items: [], unread: 0, loaded: false });

export async function refreshInbox(): Promise<void> {
  if (!session.token) return;
  const reply = await get<{ items: InboxItem[]; unread: number }>('/me/notifications?limit=100');
  inbox.items = reply.items;
  inbox.unread = reply.unread;
  inbox.loaded = true;
}

export async function markRead(item: InboxItem): Promise<void> {
  if (item.readAt) return;
  const reply = await post<{ readAt: string }>(`/me/notifications/${item.id}/read`);
  item.readAt = reply.readAt;
  inbox.unread = Math.max(0, inbox.unread - 1);
}

/** Everything read at once (the server marks all, not only the items loaded here). */
export async function markAllRead(): Promise<void> {
  await post('/me/notifications/read-all');
  await refreshInbox();
}
