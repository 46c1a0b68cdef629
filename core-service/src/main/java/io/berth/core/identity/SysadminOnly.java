package io.berth.core.identity;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Every method of the class (or the method) is for system administrators only: 401 for an anonymous
 * caller, 403 for anyone else, before the method runs (its parameters are read first, as when the
 * method asked {@link CurrentCaller#sysadmin()} itself).
 */
@InterceptorBinding
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface SysadminOnly {}
