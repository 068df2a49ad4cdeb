with

source as (

    select * from {{ source('privacy', 'erasure_requests') }}

),

renamed as (

    select
        ---------- ids
        cast(id as {{ dbt.type_string() }}) as erasure_request_id,

        ---------- strings
        lower(trim(identifier_type)) as identifier_type,
        -- normalized exactly as staging normalizes that identifier everywhere else, so the
        -- request finds the person; an unusable value stays null
        case lower(trim(identifier_type))
            when 'email' then {{ normalize_email('identifier_value') }}
            when 'phone' then {{ normalize_phone('identifier_value') }}
            when 'loyalty_card_number' then {{ normalize_card_number('identifier_value') }}
            else nullif(trim(identifier_value), '')
        end as identifier_value,
        lower(nullif(trim(request_channel), '')) as request_channel,

        ---------- timestamps
        cast(requested_at as timestamp) as requested_at

    from source

)

select * from renamed
