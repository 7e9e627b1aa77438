import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { NotificationPageView, NotificationReadView, NotificationsReadAllView } from '@ctms/domain';
import { firstValueFrom } from 'rxjs';
import { API } from '../core/auth/auth.service';

@Injectable({ providedIn: 'root' })
export class NotificationsApi {
  private readonly http = inject(HttpClient);

  list(unread: boolean, cursor: string | null, limit = 50): Promise<NotificationPageView> {
    let params = new HttpParams().set('limit', limit);
    if (unread) params = params.set('unread', 'true');
    if (cursor) params = params.set('cursor', cursor);
    return firstValueFrom(this.http.get<NotificationPageView>(`${API}/notifications`, { params }));
  }

  /** Marks every unread notification of the signed-in user read (the API touches only the caller's own). */
  markAllRead(): Promise<NotificationsReadAllView> {
    return firstValueFrom(this.http.post<NotificationsReadAllView>(`${API}/notifications/read-all`, null));
  }

  markRead(id: string): Promise<NotificationReadView> {
    return firstValueFrom(
      this.http.post<NotificationReadView>(`${API}/notifications/${encodeURIComponent(id)}/read`, null),
    );
  }
}
