/**
 * Keys and tokens for the host builtins' tests: keys made once with openssl (RSA 2048, P-256,
 * Ed25519, a self-signed certificate for the RSA key), tokens signed by OPA v1.22.4's
 * io.jwt.encode_sign with them. Test material only: these private keys protect nothing.
 */

export const KEYS = {
  rsa: {
    kty: "RSA",
    n: "oAounp3twGibv-594uETDA5MWKQOnVb649-2FNpR2bHASC_R_YGGsvifN2JY6akUXOPlWIC7wmmBmpbs5hixa0j0ZJQ2FD8v9NYYldV6e1luewp8tuZw7FLuZQgk9SL7EXBcGcLwjbHrfbPA2Ifh04h4CB7aJB1xEcubsbI36rZSzsL0T8U9McSGDcIHgqbPj2Yqczx9tjxbbzbY9ywVv0WcexgavPO5ZFd6hWKgecgU83r-4N_HWH6qQYYyQYa4kYNKSMqDU6qfHCrEZoqM99sNzjLUU4iIeo5h8Plh-UtkeFMrlIst7ZgWROZ-HE_NAoUq-jjb7BoDb3ZpBqn70w",
    e: "AQAB",
    d: "BWKgCrBY6ir_irEefCwV2dncLT7W3VeqXeMzZJtiXyLKguNVoFG_Cr-LRAJDn2E4tcN7tTEeoFCLs3wjN77sryXwmRJmiSwqAWFBNtGDvbxEhVBCmTj544DBwboAAPBFr2Ku9GwblGbAagEmCIfSAxvKD1rAIdT6E3o4V2tnZW29iPsgDDq3yt3trm6XePakp9pJJpOi7AgVUvzqGjRaxjjdlyHaS-bLn7wI6oKwsLBwWsYvBqsLeGdLmP4PN0xWztrTxQDc-9N4nF-2lRkFcPe4LrcgrT9mgiwhN31-Be2Gw3AJY8bUtrSCcIH5SlAbAmozlM31JgcCNzTTn_ed8Q",
    p: "1eew2L6FRKOkAYSQlEkAWt427PV2duxGiqJZ0MqqywbX7Y9aTt2tFM1K6nxrTijyJfXsj7U3ZcaYqSZYMtaDr7sHALKoVM2SAIKhFIm44xvF8bjKxDooHgzbP8ZgP8HkYqohhvpblJDqtImg_oZ3lC8uGJVVdw9S2xeqTNEgoAk",
    q: "v4jQ8pkawUOdzxp3ZNlizln6gRGOupfLXse6XKL1OtUxZAemWOTWXHTcOqIC8Jx9yXhpOjhNgP5QzVlGauuztAHT02YRPCAN_Q-br2dSKA_Jr9vXm6Of5IQt46yMH1C2HPkznq_ifrukT3RYcZJ3I0Gc2xZaOG_WzQJSJC0zO_s",
    dp: "pRmnjiO_iTMlK2a-kTWnaHuLuWncff3wlKCq4lULbplhoKK8-ZJwPVYXNNXDnRhNjq86X9FnaM7YlfZarSKVkdWxmgBLnOjugCZTXh7O7bxKFEClgL_Cpy8VKyxardtiBCV8q0oh1ZHlFmQEN3Bia6Xe1mqtBLB3K1QgxhnELME",
    dq: "hunFXIzx5p5NQ3t-DCB_06BXrqCCa_bOPsXrBKOYn0dakf49czJFuDxsgDRsY7WneMmDPYo5NZptqievTVMXcr0yyx6DF1nw4Ick_6mEmkl8pI3zUmMwFlPwywVYchp1HPWAIc_8d46Oz5TBU8Z6evAVn9Ef3c8Re7idyXO5Og8",
    qi: "IEPX02csDzYZzh0-_sp2LkybFbflEQt5sVGoZVqolAT1zoAVnsfSXhNTjez7pAh-8a_W--UbYHNhk36BcnU6wtTXoLL6K_-lVxt5rhAacjziQrJlPSjUzwhJh_Jv51weKc0UcxM0QWX6tGbxHjAJ9fAbbfVDOaOS1ZQ3DALpnjs",
  },
  ec: {
    kty: "EC",
    x: "idiVjRJvL_7EwMpWyTWvbsJiEFcOfiiZuyv1gwleBRY",
    y: "g3aqlgp5iRvXQft-hpMxWzJ1NoWxA5Y_0FqejPUeSRM",
    crv: "P-256",
    d: "CWJS9URtP0ITS9Ou5KrMnSS5ouLK-XLFK2fp-KO4dUk",
  },
  ed: {
    crv: "Ed25519",
    d: "4yn5uspxoas9WzTLiXrLIjeQRUnQmlLVvA6Ci1prDuc",
    x: "5SYQ8Zn_7AZuNvJdlI36S1HjO1qTZZ7UNvLSTDH-vJI",
    kty: "OKP",
  },
  rsaPub:
    "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAoAounp3twGibv+594uET\nDA5MWKQOnVb649+2FNpR2bHASC/R/YGGsvifN2JY6akUXOPlWIC7wmmBmpbs5hix\na0j0ZJQ2FD8v9NYYldV6e1luewp8tuZw7FLuZQgk9SL7EXBcGcLwjbHrfbPA2Ifh\n04h4CB7aJB1xEcubsbI36rZSzsL0T8U9McSGDcIHgqbPj2Yqczx9tjxbbzbY9ywV\nv0WcexgavPO5ZFd6hWKgecgU83r+4N/HWH6qQYYyQYa4kYNKSMqDU6qfHCrEZoqM\n99sNzjLUU4iIeo5h8Plh+UtkeFMrlIst7ZgWROZ+HE/NAoUq+jjb7BoDb3ZpBqn7\n0wIDAQAB\n-----END PUBLIC KEY-----\n",
  rsaCert:
    "-----BEGIN CERTIFICATE-----\nMIIDDTCCAfWgAwIBAgIUd0y6Wl8TLufsCAravMpV/5pgw5cwDQYJKoZIhvcNAQEL\nBQAwFTETMBEGA1UEAwwKcmVnb2MgdGVzdDAgFw0yNjEyMDYxNDI5NDFaGA8yMTI2\nMTExMjE0Mjk0MVowFTETMBEGA1UEAwwKcmVnb2MgdGVzdDCCASIwDQYJKoZIhvcN\nAQEBBQADggEPADCCAQoCggEBAKAKLp6d7cBom7/ufeLhEwwOTFikDp1W+uPfthTa\nUdmxwEgv0f2BhrL4nzdiWOmpFFzj5ViAu8JpgZqW7OYYsWtI9GSUNhQ/L/TWGJXV\nentZbnsKfLbmcOxS7mUIJPUi+xFwXBnC8I2x632zwNiH4dOIeAge2iQdcRHLm7Gy\nN+q2Us7C9E/FPTHEhg3CB4Kmz49mKnM8fbY8W2822PcsFb9FnHsYGrzzuWRXeoVi\noHnIFPN6/uDfx1h+qkGGMkGGuJGDSkjKg1OqnxwqxGaKjPfbDc4y1FOIiHqOYfD5\nYflLZHhTK5SLLe2YFkTmfhxPzQKFKvo42+waA292aQap+9MCAwEAAaNTMFEwHQYD\nVR0OBBYEFAcW9ySMghsA6PkalhJmVJzA4e/yMB8GA1UdIwQYMBaAFAcW9ySMghsA\n6PkalhJmVJzA4e/yMA8GA1UdEwEB/wQFMAMBAf8wDQYJKoZIhvcNAQELBQADggEB\nAJSuVJqSp8KuHSDqHO6V53sFv90rr2JnVl0ty3UD8YsDn8u0wfaIGsyeXCeVsJQl\nrCHw7KIwu4FS5hfYdntL/TVMVf3jTaERHMMpqVz+wXur1x+60sJN2x8gEWdv8eup\nakaVNZeQy5JKVWOVZCG929PmyVZXVla2ch6gwUKEZFb4xQIbXcKfIEjeefkA19EH\nH8DhrL1TKEjzKW9cZsMRFYBzdtCXViRUyNYil8wjwJlGQ3olG4jK84GEGqQTfodQ\nEhAdwYEsm/JTyCq9cm7PB3UP9WLTrt7JzsOrKiseaVrOApaOwdNTeObKnujvulPk\n2fjTkNpksvruQW/vUybPREk=\n-----END CERTIFICATE-----\n",
  ecPub:
    "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEidiVjRJvL/7EwMpWyTWvbsJiEFcO\nfiiZuyv1gwleBRaDdqqWCnmJG9dB+36GkzFbMnU2hbEDlj/QWp6M9R5JEw==\n-----END PUBLIC KEY-----\n",
  edPub:
    "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA5SYQ8Zn/7AZuNvJdlI36S1HjO1qTZZ7UNvLSTDH+vJI=\n-----END PUBLIC KEY-----\n",
  rsaPubJwk: {
    kty: "RSA",
    n: "oAounp3twGibv-594uETDA5MWKQOnVb649-2FNpR2bHASC_R_YGGsvifN2JY6akUXOPlWIC7wmmBmpbs5hixa0j0ZJQ2FD8v9NYYldV6e1luewp8tuZw7FLuZQgk9SL7EXBcGcLwjbHrfbPA2Ifh04h4CB7aJB1xEcubsbI36rZSzsL0T8U9McSGDcIHgqbPj2Yqczx9tjxbbzbY9ywVv0WcexgavPO5ZFd6hWKgecgU83r-4N_HWH6qQYYyQYa4kYNKSMqDU6qfHCrEZoqM99sNzjLUU4iIeo5h8Plh-UtkeFMrlIst7ZgWROZ-HE_NAoUq-jjb7BoDb3ZpBqn70w",
    e: "AQAB",
  },
  ecPubJwk: {
    kty: "EC",
    x: "idiVjRJvL_7EwMpWyTWvbsJiEFcOfiiZuyv1gwleBRY",
    y: "g3aqlgp5iRvXQft-hpMxWzJ1NoWxA5Y_0FqejPUeSRM",
    crv: "P-256",
  },
} as const;

/** HS256 key of the secret "secret" as a JWK. */
export const SECRET_JWK = { kty: "oct", k: "c2VjcmV0" };

/** A JWK set whose keys name themselves (k1: the EC key, k2: the RSA key) and their algorithm. */
export const JWKS = JSON.stringify({
  keys: [
    { ...KEYS.ecPubJwk, kid: "k1", alg: "ES256" },
    { ...KEYS.rsaPubJwk, kid: "k2", alg: "RS256" },
  ],
});

/** Claims {iss: opa, aud: svc, exp: 2000000000, nbf: 1000000000, sub: "0"}, signed as named. */
export const TOKENS = {
  hs: "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJzdmMiLCJleHAiOjIwMDAwMDAwMDAsImlzcyI6Im9wYSIsIm5iZiI6MTAwMDAwMDAwMCwic3ViIjoiMCJ9.CLFkjzDELpJrsKcJt8-zfpvC3XxCNK3BQN0DByWS8vQ",
  rs: "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJzdmMiLCJleHAiOjIwMDAwMDAwMDAsImlzcyI6Im9wYSIsIm5iZiI6MTAwMDAwMDAwMCwic3ViIjoiMCJ9.SR0LjeNv6bu4kN2-GoLs_2j7tf_8xMhnggcsJcIX7sO3QX-venl2vUMgKlN-ZPRMm5XY72J_iyBgqcI07n5uW-N7QxpEycqEztZAgbL-NOWfWpasKA-4ocH2vyzThLsW_3-JqkCgpnf0iws8JbmMaJy3f1KjtKhUo0e9hL2FJqkDVkBzDTDHGOgL_tDlNwsYCVTbYmIIfwO4Tec9aZHNKb3Uv0rkVwpQ_cKIpnpREsfym7kny-kAsHtpo6doebnIFYBY8IbnLhblBB0JsLim-UJjxFDtiD-90Qr26JS9DzoIewja2fnWCDiKGHSPliDpYpplQ3cUzyrjTL9uie78yQ",
  rskid:
    "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsyIn0.eyJhdWQiOiJzdmMiLCJleHAiOjIwMDAwMDAwMDAsImlzcyI6Im9wYSIsIm5iZiI6MTAwMDAwMDAwMCwic3ViIjoiMCJ9.SGAkiAaT08SsRuJhidIZ2vxCOMLmcACY1k6uqGUz3UG3c8XDjAGMhysoTS_ZxtxNNI9CDCzTQZybPfGE3QtWcTPPmSiZA5VZ5OkJBIwsPVIJMZpRG7zdG8GP5arY9oirLHGULnlJ06h8l81ye4N3LW-HjsfZmw5q6MiBJsYw0xYuFxM4fSUbClp200JKwi4-PPOw1VammVU-skeKxDBZZJO3PyS6dz_O-EKARoSiy7ZKutf_0kiLULniMM-90nMCbwb21NY10qM1cNYMQ8caXZ7qNcyzPHBEalN7HyugYxnjLyAxfZ3sGBprpGVHaraaDXvtOScnwFtPLaKiNTYw1A",
  ps: "eyJhbGciOiJQUzI1NiJ9.eyJhdWQiOiJzdmMiLCJleHAiOjIwMDAwMDAwMDAsImlzcyI6Im9wYSIsIm5iZiI6MTAwMDAwMDAwMCwic3ViIjoiMCJ9.fbf7H8vOKRt7Wx-_G9d8ujeIDOLIY7FReOL8LOHMMD_GvfFA9LV9FQuSFQ1x0j2QV1_wESUNRUGu3ixXCuJpEmVaoKp-ySpz8TqOAVI1rr07u4OoLJxm-utgavvm8KwwOmeLy9NqolX_bMAjr-iwJYhnw0nctxL6m3JtdsycjcVtMHaLdqE_y-_kxYkbDyJPA0boUn5iS0Jc6-euAe38g4wBk2qpy4UrKBmDlcUAs-S04IfNKc1Q_6SrNDl5f93hgVJ4tUL9pcyV80Eu-SBySyk6mz5NmXoh_Flu3GeQCfaxycUw5HJ4FeHMCJL5XbuoGCG09AukTbumVqARZ2oXFA",
  es: "eyJhbGciOiJFUzI1NiJ9.eyJhdWQiOiJzdmMiLCJleHAiOjIwMDAwMDAwMDAsImlzcyI6Im9wYSIsIm5iZiI6MTAwMDAwMDAwMCwic3ViIjoiMCJ9.MLGVp6rK_bO6jqhSgrmCN_0x29iSi3f3v67f25EMVHLCv5ddezZ4jrBdjCb_ZlYfMjtBgDGe_ijVpfgpWVvdEA",
  ed: "eyJhbGciOiJFZERTQSJ9.eyJhdWQiOiJzdmMiLCJleHAiOjIwMDAwMDAwMDAsImlzcyI6Im9wYSIsIm5iZiI6MTAwMDAwMDAwMCwic3ViIjoiMCJ9.1P8zfGVay39ps4wifFgopIhU3F4V0YTLcE66aeZg-SN9skSZekMAp4dq4BGg70OdDSsgT_9jLWyDkFSw88y4CA",
  nested:
    "eyJhbGciOiAiSFMyNTYiLCAiY3R5IjogIkpXVCIsICJ0eXAiOiAiSk9TRSJ9.ZXlKaGJHY2lPaUpJVXpJMU5pSXNJblI1Y0NJNklrcFhWQ0o5LmV5SmhkV1FpT2lKemRtTWlMQ0psZUhBaU9qSXdNREF3TURBd01EQXNJbWx6Y3lJNkltOXdZU0lzSW01aVppSTZNVEF3TURBd01EQXdNQ3dpYzNWaUlqb2lNQ0o5LkNMRmtqekRFTHBKcnNLY0p0OC16ZnB2QzNYeENOSzNCUU4wREJ5V1M4dlE.e16_sM5pSWTtqGfIZMj0Bd4RLZzO-dX77Lf_n0ywHUQ",
  crit: "eyJhbGciOiJIUzI1NiIsImNyaXQiOlsieC11bmtub3duIl0sIngtdW5rbm93biI6MX0.eyJhdWQiOiJzdmMiLCJleHAiOjIwMDAwMDAwMDAsImlzcyI6Im9wYSIsIm5iZiI6MTAwMDAwMDAwMCwic3ViIjoiMCJ9.g7kmJvy5fx2qpWUvfwOyFfxBEJA_8S8F06UMqdEccis",
};
