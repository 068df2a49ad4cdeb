with

source as (

    select * from {{ source('privacy', 'erasure_requests') }}

),

validated as (

    select
        source.*,
        {{ identifier_rejection_reason('identifier_type', 'identifier_value') }}
            as identifier_value_rejection
    from source

),

renamed as (

    select
        ---------- ids
        cast(id as {{ dbt.type_string() }}) as erasure_request_id,

        ---------- strings
        lower(trim(identifier_type)) as identifier_type,
        -- normalized exactly as staging normalizes that identifier everywhere else, so the
        -- request finds the person; a malformed or placeholder value is null and flagged
        case
            when identifier_value_rejection is not null then null
            when lower(trim(identifier_type)) = 'email'
                then {{ normalize_email('identifier_value') }}
            when lower(trim(identifier_type)) = 'phone'
                then {{ normalize_phone('identifier_value') }}
            when lower(trim(identifier_type)) = 'loyalty_card_number'
                then {{ normalize_card_number('identifier_value') }}
            else nullif(trim(identifier_value), '')
        end as identifier_value,
        lower(nullif(trim(request_channel), '')) as request_channel,

        ---------- booleans
        coalesce(identifier_value_rejection in ('malformed_email', 'invalid_phone'), false)
            as has_invalid_identifier_value,
        coalesce(identifier_value_rejection like 'placeholder%', false)
            as is_placeholder_identifier_value,

        ---------- timestamps
        cast(requested_at as timestamp) as requested_at

    from validated

)

select * from renamed
