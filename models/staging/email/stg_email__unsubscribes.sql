with

source as (

    select * from {{ source('email', 'unsubscribes') }}

),

renamed as (

    select
        ---------- ids
        cast(id as {{ dbt.type_string() }}) as unsubscribe_id,
        cast(nullif(trim(campaign_id), '') as {{ dbt.type_string() }}) as campaign_id,

        ---------- strings
        -- the recipient's address as the email platform keeps it: malformed and
        -- placeholder addresses become null, as in every staging model
        case
            when {{ rejection_reason('email', 'email') }} is null
                then {{ normalize_email('email') }}
        end as email,
        lower(nullif(trim(reason), '')) as reason,

        ---------- timestamps
        cast(unsubscribed_at as timestamp) as unsubscribed_at

    from source

)

select * from renamed
