with

source as (

    select * from {{ source('email', 'unsubscribes') }}

),

validated as (

    select
        source.*,
        {{ rejection_reason('email', 'email') }} as email_rejection
    from source

),

renamed as (

    select
        ---------- ids
        cast(id as {{ dbt.type_string() }}) as unsubscribe_id,
        cast(nullif(trim(campaign_id), '') as {{ dbt.type_string() }}) as campaign_id,

        ---------- strings
        -- the recipient's address as the email platform keeps it: malformed and
        -- placeholder addresses become null, as in every staging model
        case when email_rejection is null then {{ normalize_email('email') }} end as email,
        lower(nullif(trim(reason), '')) as reason,

        ---------- booleans
        coalesce(email_rejection = 'malformed_email', false) as has_invalid_email,
        coalesce(email_rejection = 'placeholder_email', false) as is_placeholder_email,

        ---------- timestamps
        cast(unsubscribed_at as timestamp) as unsubscribed_at

    from validated

)

select * from renamed
