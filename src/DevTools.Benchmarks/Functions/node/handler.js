// The trivial handler every system is measured with.
exports.handler = async (event) => {
  if (event && event.sleepMs) await new Promise((resolve) => setTimeout(resolve, event.sleepMs));
  return { ok: true };
};
