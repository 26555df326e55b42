/** Length over composition rules (NIST SP 800-63B): long passphrases, no arbitrary symbol rules. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
