"""The seed's Python example: adds two numbers, like the TypeScript `add`."""


def lambda_handler(event, context):
    return event["value1"] + event["value2"]
