// A TOKEN authorizer: "Bearer let-me-in" may write notes; anything else may not.
export const handler = async (event) => ({
  principalId: 'sample-user',
  policyDocument: {
    Version: '2012-10-17',
    Statement: [{ Action: 'execute-api:Invoke', Effect: event.authorizationToken === 'Bearer let-me-in' ? 'Allow' : 'Deny', Resource: event.methodArn }],
  },
});
