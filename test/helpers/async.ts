/** A callback's answer that never comes (a hung provider or dialog). */
export const never = <T>() => new Promise<T>(() => {});

/** One turn of the event loop: every step already due has run. */
export const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
