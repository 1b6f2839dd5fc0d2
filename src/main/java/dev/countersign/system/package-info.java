/**
 * Infrastructure beneath every feature: security and roles, identities and grants, the workers' pool
 * and failure handling, model-wide listeners, H2 durability. Uses no feature package.
 */
package dev.countersign.system;
