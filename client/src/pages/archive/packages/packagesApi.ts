import { api } from '../../../api/client.ts';
import { createPackageApi } from '../../../api/packageEndpoints.ts';

/** The archival package routes, over the browser's single HTTP client (one CSRF token, one 401 hook). */
export const packages = createPackageApi(api.http);

export const PACKAGES_PATH = '/archive/packages';

export function packagePath(packageId: string): string {
  return `${PACKAGES_PATH}/${packageId}`;
}
