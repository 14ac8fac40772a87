import argon2 from 'argon2';
export const MIN_PASSWORD_LENGTH = 12;
export function hashPassword(password) {
    return argon2.hash(password, { type: argon2.argon2id });
}
export async function verifyPassword(hash, password) {
    try {
        return await argon2.verify(hash, password);
    }
    catch {
        return false;
    }
}
export const DUMMY_HASH = '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$RdescudvJCsgt3ub+b+dWRWJTmaaJObG2RcgR5Tuzc0';
//# sourceMappingURL=passwords.js.map