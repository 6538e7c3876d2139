/**
 * Code shared between aitrace's own packages and modules. Not a public API: anything here may change
 * without notice. Applications should not depend on it.
 */
package dev.aitrace.internal;
