/** Quality scores and business value recorded after the fact against a trace or a task. */
package dev.aitrace.score;
