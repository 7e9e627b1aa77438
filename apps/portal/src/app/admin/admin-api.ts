import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AgencyRef,
  AgencyView,
  CreateAgencyRequest,
  CreateUserRequest,
  Page,
  UpdateAgencyRequest,
  UpdateUserRequest,
  UserStatus,
  UserView,
} from '@ctms/domain';
import { firstValueFrom } from 'rxjs';
import { API } from '../core/auth/auth.service';

/** The administration routes: users and agencies. No case content ever comes through here. */
@Injectable({ providedIn: 'root' })
export class AdminApi {
  private readonly http = inject(HttpClient);

  users(cursor: string | null, status?: UserStatus | ''): Promise<Page<UserView>> {
    let params = new HttpParams().set('limit', 50);
    if (cursor) params = params.set('cursor', cursor);
    if (status) params = params.set('status', status);
    return firstValueFrom(this.http.get<Page<UserView>>(`${API}/admin/users`, { params }));
  }

  /** Creates the account; the API sends the user a one-time activation link (no password is ever shown here). */
  createUser(body: CreateUserRequest): Promise<UserView> {
    return firstValueFrom(this.http.post<UserView>(`${API}/admin/users`, body));
  }

  /** The agency administrator approves an account the system administrator created: the activation link goes out. */
  approve(id: string, reason: string): Promise<UserView> {
    return firstValueFrom(this.http.post<UserView>(`${API}/admin/users/${id}/approve`, { reason }));
  }

  updateUser(id: string, version: number, body: UpdateUserRequest): Promise<UserView> {
    return firstValueFrom(this.http.patch<UserView>(`${API}/admin/users/${id}`, { version, ...body }));
  }

  userAction(id: string, action: 'disable' | 'enable', reason: string): Promise<UserView> {
    return firstValueFrom(this.http.post<UserView>(`${API}/admin/users/${id}/${action}`, { reason }));
  }

  /** The old password stops working; the user gets a one-time link to choose a new one. */
  resetPassword(id: string, reason: string): Promise<UserView> {
    return firstValueFrom(this.http.post<UserView>(`${API}/admin/users/${id}/reset`, { reason }));
  }

  /** Turns a user's MFA off (a lost phone): their sessions end; they sign in with the password alone next time. */
  resetMfa(id: string, reason: string): Promise<UserView> {
    return firstValueFrom(this.http.post<UserView>(`${API}/admin/users/${id}/reset-mfa`, { reason }));
  }

  agencies(cursor: string | null): Promise<Page<AgencyView>> {
    let params = new HttpParams().set('limit', 50);
    if (cursor) params = params.set('cursor', cursor);
    return firstValueFrom(this.http.get<Page<AgencyView>>(`${API}/admin/agencies`, { params }));
  }

  createAgency(body: CreateAgencyRequest): Promise<AgencyView> {
    return firstValueFrom(this.http.post<AgencyView>(`${API}/admin/agencies`, body));
  }

  updateAgency(id: string, version: number, body: UpdateAgencyRequest): Promise<AgencyView> {
    return firstValueFrom(this.http.patch<AgencyView>(`${API}/admin/agencies/${id}`, { version, ...body }));
  }

  /** Active agencies (for a system administrator choosing a new user's agency). */
  agencyOptions(): Promise<AgencyRef[]> {
    return firstValueFrom(this.http.get<AgencyRef[]>(`${API}/reference/agencies`));
  }
}
