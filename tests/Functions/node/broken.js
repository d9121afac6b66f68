// A syntax error on purpose: init must fail with Runtime.UserCodeSyntaxError.
exports.handler = async () => {
