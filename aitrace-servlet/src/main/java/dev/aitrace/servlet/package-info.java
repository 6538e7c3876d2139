/**
 * Tracing for Jakarta Servlet 6 web applications: the {@link dev.aitrace.servlet.TraceFilter}, its
 * builder and resolvers, and the {@link dev.aitrace.servlet.TraceFilterInitializer} that installs it
 * without code.
 */
package dev.aitrace.servlet;
