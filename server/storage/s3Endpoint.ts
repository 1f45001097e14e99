import { StorageError } from './storageError.ts';

export interface S3ConnectionTarget {
  endPoint: string;
  port?: number;
  useSSL: boolean;
}

/**
 * `S3_ENDPOINT` is a URL (`http://127.0.0.1:9000`, `https://storage.yandexcloud.net`); a bare
 * `host[:port]` means https, because sending credentials in clear text must be asked for explicitly.
 */
export function parseS3Endpoint(endpoint: string): S3ConnectionTarget {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint) ? endpoint : `https://${endpoint}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch (error) {
    throw new StorageError('STORAGE_UNAVAILABLE', `S3 endpoint is not a valid URL: ${endpoint}`, { cause: error });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new StorageError('STORAGE_UNAVAILABLE', `S3 endpoint must use http or https: ${endpoint}`);
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.username) {
    throw new StorageError('STORAGE_UNAVAILABLE', `S3 endpoint must be scheme://host[:port] only: ${endpoint}`);
  }
  const endPoint = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return url.port ? { endPoint, port: Number(url.port), useSSL: url.protocol === 'https:' } : { endPoint, useSSL: url.protocol === 'https:' };
}
