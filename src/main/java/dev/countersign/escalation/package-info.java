/**
 * Escalation moves a task to another group; this package makes sure the group it leaves loses its
 * access. Uses system.
 */
package dev.countersign.escalation;
