// A handler served by AWS's aws-lambda-ric, not by this project's runtime client.
let invocations = 0;
exports.handler = async (event, context) => {
  invocations += 1;
  console.log('served by aws-lambda-ric');
  return { invocations, event, requestId: context.awsRequestId, functionName: context.functionName };
};
